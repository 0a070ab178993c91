package dev.confab.server.discovery;

import dev.confab.protocol.lan.LanAnnouncement;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces one server as a {@value LanAnnouncement#SERVICE_TYPE} service on every chosen address, keeps the
 * TXT record's {@code online} count current, follows interfaces that come and go, and withdraws the service (mDNS
 * goodbye) when closed.
 *
 * <p>Two steps, because a fresh mDNS responder must claim its host name (three probes, then announcements; about a
 * second to its first announcement at RFC 6762's pace, which {@link RfcPace} gives JmDNS): {@link #prepare} starts
 * that at once, while the server opens its database; {@link #announce} adds the service when the port is known,
 * which then shows up within about a second (its own probes, then its announcement). Everything runs on one daemon
 * thread, so the server never waits for mDNS and closing is ordered after starting. The online count is sampled
 * every {@code refresh} and re-announced only when it changed: a burst of sign-ins costs one update, at most one per
 * interval. Every {@code recheck} the interfaces are chosen again: a new address gets a responder (and the service),
 * a vanished one is withdrawn.
 */
public final class LanAnnouncer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LanAnnouncer.class);
    /** How long closing waits for the goodbyes to go out. */
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final ScheduledExecutorService thread;
    private final InterfaceChoice interfaces;
    /** By address; touched by the announcer thread, read by {@link #addresses()}. */
    private final Map<InetAddress, Responder> responders = new LinkedHashMap<>();
    private final CompletableFuture<Void> announced = new CompletableFuture<>();
    private volatile @Nullable LanAnnouncement current;
    private int port;

    private LanAnnouncer(ScheduledExecutorService thread, InterfaceChoice interfaces) {
        this.thread = thread;
        this.interfaces = interfaces;
    }

    /**
     * Starts an mDNS responder on each address {@code interfaces} picks, and chooses again every {@code recheck}
     * ({@link Duration#ZERO}: never); returns at once.
     */
    public static LanAnnouncer prepare(InterfaceChoice interfaces, Duration recheck) {
        RfcPace.install();
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "confab-announce");
            t.setDaemon(true);
            return t;
        });
        LanAnnouncer announcer = new LanAnnouncer(thread, interfaces);
        thread.execute(announcer::openResponders);
        if (recheck.isPositive()) {
            long every = recheck.toMillis();
            thread.scheduleWithFixedDelay(announcer::recheck, every, every, TimeUnit.MILLISECONDS);
        }
        return announcer;
    }

    /**
     * Announces the server on {@code port}; {@code online} is asked for the number of users online every
     * {@code refresh}. Returns at once.
     */
    public void announce(LanAnnouncement announcement, int port, IntSupplier online, Duration refresh) {
        thread.execute(() -> register(announcement, port));
        long every = refresh.toMillis();
        thread.scheduleWithFixedDelay(() -> refresh(online), every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Completes when the service has been handed to every responder: from then on browsers see it within about a
     * second (three 250 ms probes, then the announcement).
     */
    public CompletionStage<Void> announced() {
        return announced.copy();
    }

    /** The addresses with a responder now (for logs and tests). */
    public List<InetAddress> addresses() {
        synchronized (responders) {
            return List.copyOf(responders.keySet());
        }
    }

    private void openResponders() {
        List<InetAddress> addresses = interfaces.addresses();
        if (addresses.isEmpty()) {
            LOG.warn("No network interface to announce on (up, multicast-capable, not loopback, not a VPN or "
                    + "container bridge); people on the network must type this server's address");
        }
        addresses.forEach(this::open);
    }

    private void open(InetAddress address) {
        try {
            JmDNS jmdns = JmDNS.create(address, "confab-" + address.getHostAddress().replace('.', '-'));
            synchronized (responders) {
                responders.put(address, new Responder(jmdns));
            }
        } catch (IOException | RuntimeException e) {
            // One unusable interface must not stop the others, nor the server.
            LOG.warn("Cannot announce on {}: {}", address.getHostAddress(), e.toString());
        }
    }

    private void register(LanAnnouncement announcement, int port) {
        current = announcement;
        this.port = port;
        for (Responder responder : snapshot()) {
            registerOn(responder, announcement);
        }
        announced.complete(null);
    }

    private void registerOn(Responder responder, LanAnnouncement announcement) {
        try {
            // Not waiting for the host name to be claimed: the service's own probes run alongside, and the
            // host's address goes out in its first announcement, before the service's (NetnsDiscoveryTest checks
            // a browser gets both). Waiting would cost another second.
            ServiceInfo info = ServiceInfo.create(LanAnnouncement.SERVICE_TYPE, announcement.name(), port, 0, 0,
                    announcement.toTxt());
            responder.jmdns.registerService(info);
            responder.service = info;
            LOG.info("Announcing \"{}\" as {} on {}", announcement.name(), LanAnnouncement.SERVICE_TYPE,
                    responder.jmdns.getInetAddress().getHostAddress());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot announce \"{}\": {}", announcement.name(), e.toString());
        }
    }

    /** Follows the interfaces: a responder for each new address, a goodbye on each one that went away. */
    private void recheck() {
        try {
            List<InetAddress> now = interfaces.addresses();
            for (Map.Entry<InetAddress, Responder> entry : snapshotByAddress().entrySet()) {
                if (!now.contains(entry.getKey())) {
                    LOG.info("Interface with {} is gone or no longer suitable; withdrawing there",
                            entry.getKey().getHostAddress());
                    synchronized (responders) {
                        responders.remove(entry.getKey());
                    }
                    withdraw(entry.getValue());
                }
            }
            LanAnnouncement announcement = current;
            for (InetAddress address : now) {
                if (!addresses().contains(address)) {
                    LOG.info("New interface with {}; announcing there too", address.getHostAddress());
                    open(address);
                    Responder opened = snapshotByAddress().get(address);
                    if (opened != null && announcement != null) {
                        registerOn(opened, announcement);
                    }
                }
            }
        } catch (RuntimeException e) {
            // The schedule must survive a failed round, or new interfaces would never be announced on.
            LOG.warn("Re-checking the network interfaces failed", e);
        }
    }

    private void refresh(IntSupplier online) {
        LanAnnouncement announced = current;
        if (announced == null) {
            return;
        }
        try {
            int count = online.getAsInt();
            if (count == announced.online()) {
                return;
            }
            current = announced.withOnline(count);
            Map<String, String> txt = current.toTxt();
            for (Responder responder : snapshot()) {
                if (responder.service != null) {
                    responder.service.setText(txt);
                }
            }
            LOG.debug("Re-announced with {} online", count);
        } catch (RuntimeException e) {
            // The schedule must survive a failed round, or the count would freeze.
            LOG.warn("Updating the announcement failed", e);
        }
    }

    /**
     * Withdraws the service on every address (mDNS goodbye) and stops the responders. Waits a few seconds at most
     * for the goodbyes to go out; does not wait when nothing was announced.
     */
    @Override
    public void close() {
        if (thread.isShutdown()) {
            return;
        }
        thread.execute(this::withdrawAll);
        thread.shutdown();
        if (current == null) {
            return;
        }
        try {
            if (!thread.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warn("Withdrawing the announcement took longer than {} ms", CLOSE_WAIT_MILLIS);
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void withdrawAll() {
        List<Responder> all = snapshot();
        synchronized (responders) {
            responders.clear();
        }
        all.forEach(LanAnnouncer::withdraw);
        if (current != null) {
            LOG.info("Withdrew the announcement");
        }
    }

    private static void withdraw(Responder responder) {
        try {
            // close() says goodbye for the services and the host name together (about two seconds); unregistering
            // first would cost another two.
            responder.jmdns.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Withdrawing the announcement failed: {}", e.toString());
        }
    }

    private List<Responder> snapshot() {
        synchronized (responders) {
            return new ArrayList<>(responders.values());
        }
    }

    private Map<InetAddress, Responder> snapshotByAddress() {
        synchronized (responders) {
            return new LinkedHashMap<>(responders);
        }
    }

    /** One mDNS responder and, once registered, the service on it; used on the announcer thread only. */
    private static final class Responder {
        private final JmDNS jmdns;
        private @Nullable ServiceInfo service;

        Responder(JmDNS jmdns) {
            this.jmdns = jmdns;
        }
    }
}
