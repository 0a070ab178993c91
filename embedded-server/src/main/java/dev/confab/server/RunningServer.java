package dev.confab.server;

import dev.confab.server.auth.Authenticator;
import dev.confab.protocol.lan.LanAnnouncement;
import dev.confab.server.bus.MessageBus;
import dev.confab.server.discovery.LanAnnouncer;
import dev.confab.server.net.Transport;
import dev.confab.server.session.ChatObserver;
import dev.confab.server.session.ChatService;
import dev.confab.server.store.MessageStore;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server that listens. {@link #close()} shuts it down gracefully: it stops accepting connections, waits
 * (bounded by the shutdown timeout) until every accepted message is stored and echoed, closes every client
 * with 1001, then closes its storage. Safe to close from any thread, more than once.
 */
public final class RunningServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunningServer.class);

    /** The longest a stop waits for closed connections to leave their rooms. */
    private static final long CLEANUP_WAIT_MILLIS = 2_000;
    /** How often the announced online count is checked (and re-announced when it changed). */
    private static final Duration ANNOUNCE_REFRESH = Duration.ofSeconds(2);

    private final ServerConfig config;
    private final ChatService chat;
    private final Transport transport;
    private final ScheduledExecutorService housekeeping;
    private final MessageBus bus;
    private final List<AutoCloseable> owned;
    private final AtomicBoolean accepting;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile @Nullable LanAnnouncer announcer;

    private RunningServer(ServerConfig config, ChatService chat, Transport transport,
                          ScheduledExecutorService housekeeping, MessageBus bus, List<AutoCloseable> owned,
                          AtomicBoolean accepting) {
        this.config = config;
        this.chat = chat;
        this.transport = transport;
        this.housekeeping = housekeeping;
        this.bus = bus;
        this.owned = owned;
        this.accepting = accepting;
    }

    static RunningServer start(ServerConfig config, MessageStore store, Authenticator authenticator, MessageBus bus,
                               Clock clock, List<AutoCloseable> owned, ChatObserver observer,
                               @Nullable LanAnnouncer announcer) {
        ChatService chat = ChatService.create(config, store, authenticator, bus, clock, Version.current(), observer);
        AtomicBoolean accepting = new AtomicBoolean(true);
        Transport transport;
        try {
            transport = Transport.start(config, chat, clock, accepting::get);
        } catch (RuntimeException e) {
            chat.close();
            if (announcer != null) {
                announcer.close();
            }
            throw e;
        }
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "confab-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.timeouts().housekeeping().toMillis();
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                transport.sweepHandshakes();
                chat.housekeeping();
            } catch (RuntimeException e) {
                // A failed round must not cancel the schedule: deadlines would stop being enforced.
                LOG.error("Housekeeping failed", e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
        RunningServer server = new RunningServer(config, chat, transport, housekeeping, bus, List.copyOf(owned),
                accepting);
        LOG.info("Confab server \"{}\" {} listening on {}", config.name(), Version.current(), server.url());
        if (announcer != null) {
            server.announcer = announcer;
            announcer.announce(server.announcement(), server.port(), chat::onlineCount, ANNOUNCE_REFRESH);
        }
        return server;
    }

    /** The port the server listens on (the real one when the config asked for 0). */
    public int port() {
        return transport.address().getPort();
    }

    /** The address the server listens on. */
    public InetSocketAddress address() {
        return transport.address();
    }

    /** The WebSocket endpoint, e.g. {@code ws://0.0.0.0:7480/ws}. */
    public URI url() {
        String host = transport.address().getHostString();
        return URI.create(scheme() + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/ws");
    }

    /**
     * The endpoint as a client on this machine reaches it: like {@link #url()}, with a wildcard address
     * ({@code 0.0.0.0}, {@code ::}) replaced by loopback, which every system can connect to.
     */
    public URI localUrl() {
        var address = transport.address().getAddress();
        if (!address.isAnyLocalAddress()) {
            return url();
        }
        String loopback = address instanceof java.net.Inet6Address ? "[::1]" : "127.0.0.1";
        return URI.create(scheme() + "://" + loopback + ":" + port() + "/ws");
    }

    /** {@code wss} when the server speaks TLS, else {@code ws}. */
    private String scheme() {
        return config.security().tlsEnabled() ? "wss" : "ws";
    }

    /**
     * The SHA-256 fingerprint of the server's TLS certificate (upper-case hex pairs joined by colons), as a client
     * shows it on first use; empty without TLS.
     */
    public java.util.Optional<String> certificateFingerprint() {
        return transport.certificateFingerprint();
    }

    /** The configuration the server runs with. */
    public ServerConfig config() {
        return config;
    }

    /** Open connections, signed in or not. */
    public int connectionCount() {
        return chat.connectionCount();
    }

    /** Users signed in on this node, each counted once. */
    public int onlineCount() {
        return chat.onlineCount();
    }

    /**
     * Completes once this server's announcement on the local network has gone out (see
     * {@link LanAnnouncer#announced()}); never completes when the server does not announce.
     */
    public java.util.concurrent.CompletionStage<Void> announced() {
        LanAnnouncer announcing = announcer;
        return announcing != null ? announcing.announced() : new java.util.concurrent.CompletableFuture<>();
    }

    /** What this server announces on the local network, with the online count as of now. */
    public LanAnnouncement announcement() {
        return new LanAnnouncement(config.name(), Version.current(), "wss".equals(url().getScheme()),
                config.guests(), onlineCount(), url().getPath());
    }

    /** Users present in rooms on this node, counted once per room they are in. */
    public int memberCount() {
        return chat.memberCount();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Shutting down");
        LanAnnouncer announced = announcer;
        if (announced != null) {
            // Withdrawn first, so nobody is sent to a server that is going away.
            announced.close();
        }
        accepting.set(false);
        long timeout = config.timeouts().shutdown().toMillis();
        try {
            if (!chat.stopTakingFrames(timeout)) {
                LOG.warn("Messages were still being stored after {} ms; their senders will resend them", timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            transport.stop((int) Math.min(Integer.MAX_VALUE, timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        housekeeping.shutdownNow();
        // Each closed connection's user leaves its rooms on its own strand; wait for that (bounded), so that the
        // user_left of a node that stops still reaches the other nodes through the bus.
        if (!chat.awaitConnectionsGone(Math.min(timeout, CLEANUP_WAIT_MILLIS))) {
            LOG.warn("{} connections were still being cleaned up when the bus closed", chat.connectionCount());
        }
        chat.close();
        bus.close();
        for (AutoCloseable resource : owned.reversed()) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.error("Closing {} failed", resource.getClass().getSimpleName(), e);
            }
        }
        LOG.info("Stopped");
    }
}
