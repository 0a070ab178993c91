package dev.confab.server.net;

import dev.confab.server.ServerConfig;
import dev.confab.server.session.ChatService;
import dev.confab.server.tls.LocalNames;
import dev.confab.server.tls.ServerTls;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.server.DefaultWebSocketServerFactory;
import org.java_websocket.server.SSLParametersWebSocketServerFactory;

/** The listening WebSocket server, configured deliberately rather than with the library's defaults. */
public final class Transport {
    private static final long BIND_TIMEOUT_SECONDS = 10;

    private final ChatSocketServer server;
    private final InetSocketAddress address;
    private final Optional<ServerTls> tls;

    private Transport(ChatSocketServer server, InetSocketAddress address, Optional<ServerTls> tls) {
        this.server = server;
        this.address = address;
        this.tls = tls;
    }

    /**
     * Binds and starts serving; returns once the socket listens.
     *
     * @throws java.io.UncheckedIOException when the address cannot be bound (for example, the port is taken)
     */
    public static Transport start(ServerConfig config, ChatService chat, Clock clock, BooleanSupplier accepting) {
        var limits = config.limits();
        int decoders = limits.workerThreads() == 0
                ? Runtime.getRuntime().availableProcessors() : limits.workerThreads();
        Optional<ServerTls> tls = ServerTls.create(config.security().tls(), config.dataDir().resolve("tls"),
                () -> LocalNames.of(config.host()), clock);
        ChatSocketServer server = new ChatSocketServer(new InetSocketAddress(config.host(), config.port()), decoders,
                new BoundedDraft(limits.maxFrameBytes(), limits.maxMessageBytes()), chat,
                // The handshake deadline is elapsed time: a stepped wall clock must not cut connections in flight.
                new HandshakeGuard(socketFactory(tls), MonotonicClock.start(), config.timeouts().handshake(),
                        limits.maxHandshakeBytes()), accepting,
                new ConnectionPolicy(limits.maxConnections(), config.security()));
        // Small chat frames must leave at once, not wait for Nagle's algorithm to fill a segment.
        server.setTcpNoDelay(true);
        // A restarted host must get its port back at once, while old sockets sit in TIME_WAIT.
        server.setReuseAddr(true);
        // The JDK default backlog (50) drops connections in a reconnect storm after a restart.
        server.setMaxPendingConnections(limits.listenBacklog());
        // Our own heartbeat closes with 4408 and counts any frame as a sign of life.
        server.setConnectionLostTimeout(0);
        server.setDaemon(true);
        server.start();
        try {
            return new Transport(server, server.started().get(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS), tls);
        } catch (ExecutionException e) {
            stopQuietly(server);
            throw new java.io.UncheckedIOException("cannot listen on " + config.host() + ":" + config.port() + ": "
                    + e.getCause().getMessage(), new java.io.IOException(e.getCause()));
        } catch (TimeoutException e) {
            stopQuietly(server);
            throw new IllegalStateException("the server did not start listening within " + BIND_TIMEOUT_SECONDS
                    + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(server);
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    /**
     * The library's connection factory: plain, or with TLS. The TLS one runs the engine's delegated tasks on its own
     * daemon thread (the library's default thread would keep an embedding app's JVM alive) and shuts it down when
     * the server stops.
     */
    private static WebSocketServerFactory socketFactory(Optional<ServerTls> tls) {
        if (tls.isEmpty()) {
            return new DefaultWebSocketServerFactory();
        }
        ExecutorService tasks = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "confab-tls");
            thread.setDaemon(true);
            return thread;
        });
        return new SSLParametersWebSocketServerFactory(tls.get().context(), tasks, tls.get().parameters());
    }

    /** The SHA-256 fingerprint of the TLS certificate; empty for plaintext. */
    public Optional<String> certificateFingerprint() {
        return tls.map(ServerTls::fingerprint);
    }

    /** The address the server listens on, with the real port when 0 was asked for. */
    public InetSocketAddress address() {
        return address;
    }

    /** Cuts connections that did not finish their upgrade in time. */
    public void sweepHandshakes() {
        server.sweepHandshakes();
    }

    /** Connections accepted and not yet upgraded; for tests. */
    int pendingHandshakes() {
        return server.pendingHandshakes();
    }

    /** Closes every connection with 1001 and stops listening; waits at most {@code timeoutMillis}. */
    public void stop(int timeoutMillis) throws InterruptedException {
        server.stop(timeoutMillis, "server shutting down");
    }

    private static void stopQuietly(ChatSocketServer server) {
        try {
            server.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
