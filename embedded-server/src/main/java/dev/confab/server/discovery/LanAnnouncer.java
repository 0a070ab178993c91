package dev.confab.server.discovery;

import dev.confab.protocol.lan.LanAnnouncement;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
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
import javax.jmdns.impl.JmDNSImpl;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces one server as a {@value LanAnnouncement#SERVICE_TYPE} service on every chosen address, keeps the
 * TXT record's {@code online} count current, and withdraws the service (mDNS goodbye) when closed.
 *
 * <p>Two steps, because a fresh JmDNS responder spends about four seconds claiming its host name (three probes a
 * second apart, then announcements) before any service of it is visible: {@link #prepare} starts that at once,
 * while the server opens its database; {@link #announce} adds the service when the port is known, which then
 * shows up within about 1.5 s. Everything runs on one daemon thread, so the server never waits for mDNS and
 * closing is ordered after starting. The online count is sampled every {@code refresh} and re-announced only when
 * it changed: a burst of sign-ins costs one update, at most one per interval.
 */
public final class LanAnnouncer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LanAnnouncer.class);
    /** How long closing waits for the goodbyes to go out. */
    private static final long CLOSE_WAIT_MILLIS = 5_000;
    /** How long registering waits for a responder to claim its host name (JmDNS needs about five seconds). */
    private static final long CLAIM_WAIT_MILLIS = 15_000;

    private final ScheduledExecutorService thread;
    private final List<JmDNS> responders = new ArrayList<>();
    private final List<ServiceInfo> services = new ArrayList<>();
    private final CompletableFuture<Void> announced = new CompletableFuture<>();
    private volatile @Nullable LanAnnouncement current;

    private LanAnnouncer(ScheduledExecutorService thread) {
        this.thread = thread;
    }

    /** Starts an mDNS responder on each address {@code interfaces} picks; returns at once. */
    public static LanAnnouncer prepare(InterfaceChoice interfaces) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "confab-announce");
            t.setDaemon(true);
            return t;
        });
        LanAnnouncer announcer = new LanAnnouncer(thread);
        thread.execute(() -> announcer.openResponders(interfaces));
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
     * Completes when the service has been handed to every responder that claimed its host name: from then on
     * browsers see it within about 1.5 s (three 250 ms probes, then the announcement).
     */
    public CompletionStage<Void> announced() {
        return announced.copy();
    }

    /** The addresses with a responder so far (for logs and tests). */
    public synchronized List<InetAddress> addresses() {
        List<InetAddress> addresses = new ArrayList<>();
        for (JmDNS responder : responders) {
            try {
                addresses.add(responder.getInetAddress());
            } catch (IOException e) {
                LOG.debug("Responder without an address: {}", e.toString());
            }
        }
        return addresses;
    }

    private void openResponders(InterfaceChoice interfaces) {
        List<InetAddress> addresses = interfaces.addresses();
        if (addresses.isEmpty()) {
            LOG.warn("No network interface to announce on (up, multicast-capable, not loopback); people on the "
                    + "network must type this server's address");
        }
        for (InetAddress address : addresses) {
            try {
                JmDNS responder = JmDNS.create(address, "confab-" + address.getHostAddress().replace('.', '-'));
                synchronized (this) {
                    responders.add(responder);
                }
            } catch (IOException | RuntimeException e) {
                // One unusable interface must not stop the others, nor the server.
                LOG.warn("Cannot announce on {}: {}", address.getHostAddress(), e.toString());
            }
        }
    }

    private synchronized void register(LanAnnouncement announcement, int port) {
        current = announcement;
        for (JmDNS responder : responders) {
            try {
                // Registering earlier works too, but the service then waits unseen behind the host name's probes;
                // waiting here makes "Announcing" in the log mean what it says.
                if (responder instanceof JmDNSImpl impl && !impl.waitForAnnounced(CLAIM_WAIT_MILLIS)) {
                    LOG.warn("The mDNS responder on {} has not claimed its name yet", impl.getInetAddress());
                }
                ServiceInfo info = ServiceInfo.create(LanAnnouncement.SERVICE_TYPE, announcement.name(), port, 0, 0,
                        announcement.toTxt());
                responder.registerService(info);
                services.add(info);
                LOG.info("Announcing \"{}\" as {} on {}", announcement.name(), LanAnnouncement.SERVICE_TYPE,
                        responder.getInetAddress().getHostAddress());
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot announce \"{}\": {}", announcement.name(), e.toString());
            }
        }
        announced.complete(null);
    }

    private synchronized void refresh(IntSupplier online) {
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
            for (ServiceInfo info : services) {
                info.setText(txt);
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
        thread.execute(this::withdraw);
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

    private synchronized void withdraw() {
        for (JmDNS responder : responders) {
            try {
                responder.unregisterAllServices();
                responder.close();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Withdrawing the announcement failed: {}", e.toString());
            }
        }
        if (current != null) {
            LOG.info("Withdrew the announcement");
        }
        responders.clear();
        services.clear();
    }
}
