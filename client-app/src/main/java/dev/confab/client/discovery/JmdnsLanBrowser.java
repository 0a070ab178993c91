package dev.confab.client.discovery;

import dev.confab.client.net.ServerAddress;
import dev.confab.protocol.lan.LanAnnouncement;
import dev.confab.server.discovery.RfcPace;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Browses {@value LanAnnouncement#SERVICE_TYPE} with one JmDNS responder per local address. A server appears when
 * its TXT record has arrived, changes when it re-announces (its online count), and goes when it says goodbye
 * (a server that crashed lingers until its records expire). All state lives on one thread.
 */
public final class JmdnsLanBrowser implements LanBrowser {
    private static final Logger LOG = LoggerFactory.getLogger(JmdnsLanBrowser.class);
    /**
     * How long the search runs before "nothing found" is said. Stock JmDNS needed about five seconds before its
     * first query; paced by {@link RfcPace} a host is listed within a second or two (JmdnsLanBrowserTest: 3-5 s in
     * all, down from 8), so this leaves room for a loaded machine and a slow network. Not lowered unmeasured.
     */
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(8);

    private final Supplier<List<InetAddress>> addresses;
    private final Duration settleAfter;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "confab-discovery");
        t.setDaemon(true);
        return t;
    });
    private final List<JmDNS> responders = new ArrayList<>();
    private final Map<String, FoundServer> found = new HashMap<>();
    private Consumer<Snapshot> listener = snapshot -> { };
    private boolean settled;
    private String problem = "";

    private JmdnsLanBrowser(Supplier<List<InetAddress>> addresses, Duration settleAfter) {
        this.addresses = addresses;
        this.settleAfter = settleAfter;
    }

    /** Browses on every interface that is up, multicast-capable and not loopback. */
    public static JmdnsLanBrowser create() {
        return create(() -> Nics.multicastAddresses(Nics.current()), DEFAULT_SETTLE);
    }

    /** Browses on these addresses (a test's loopback or network namespace). */
    public static JmdnsLanBrowser create(Supplier<List<InetAddress>> addresses, Duration settleAfter) {
        return new JmdnsLanBrowser(addresses, settleAfter);
    }

    @Override
    public void start(Consumer<Snapshot> target) {
        thread.execute(() -> {
            listener = target;
            open();
            publish();
        });
        thread.schedule(() -> {
            settled = true;
            publish();
        }, settleAfter.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void open() {
        RfcPace.install();
        List<InetAddress> chosen = addresses.get();
        List<String> failures = new ArrayList<>();
        for (InetAddress address : chosen) {
            try {
                JmDNS responder = JmDNS.create(address, "confab-app-" + address.getHostAddress().replace('.', '-'));
                String where = address.getHostAddress();
                responder.addServiceListener(LanAnnouncement.SERVICE_TYPE, new Listener(responder, where));
                responders.add(responder);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot look for servers on {}: {}", address.getHostAddress(), e.toString());
                failures.add(address.getHostAddress() + ": " + e.getMessage());
            }
        }
        if (!chosen.isEmpty() && responders.isEmpty()) {
            problem = String.join("; ", failures);
        }
        LOG.info("Looking for Confab servers on {}", chosen);
    }

    private void publish() {
        Map<String, FoundServer> unique = new LinkedHashMap<>();
        found.values().stream()
                .sorted(Comparator.comparing((FoundServer s) -> s.about().name().toLowerCase(java.util.Locale.ROOT))
                        .thenComparing(s -> s.address().display()))
                .forEach(server -> unique.putIfAbsent(server.address().display(), server));
        listener.accept(new Snapshot(List.copyOf(unique.values()), settled, problem));
    }

    @Override
    public void close() {
        if (thread.isShutdown()) {
            return;
        }
        thread.execute(() -> {
            for (JmDNS responder : responders) {
                try {
                    responder.close();
                } catch (IOException | RuntimeException e) {
                    LOG.debug("Closing an mDNS responder failed: {}", e.toString());
                }
            }
            responders.clear();
        });
        thread.shutdown();
    }

    static Optional<FoundServer> read(ServiceInfo info) {
        Map<String, String> txt = new HashMap<>();
        for (String key : Collections.list(info.getPropertyNames())) {
            txt.put(key, info.getPropertyString(key));
        }
        InetAddress[] hosts = info.getInet4Addresses().length > 0 ? info.getInet4Addresses()
                : info.getInetAddresses();
        if (txt.isEmpty() || hosts.length == 0 || info.getPort() <= 0) {
            return Optional.empty(); // not resolved yet: another callback follows with the rest
        }
        return LanAnnouncement.fromTxt(info.getName(), txt).flatMap(about -> {
            String host = hosts[0].getHostAddress();
            String shown = host.contains(":") ? "[" + host + "]" : host;
            return ServerAddress.parse((about.tls() ? "wss://" : "ws://") + shown + ":" + info.getPort() + about.path())
                    .map(address -> new FoundServer(address, about));
        });
    }

    /** Callbacks of one responder, handed to the browser's thread. */
    private final class Listener implements ServiceListener {
        private final JmDNS responder;
        private final String where;

        Listener(JmDNS responder, String where) {
            this.responder = responder;
            this.where = where;
        }

        @Override
        public void serviceAdded(ServiceEvent event) {
            // Asks and returns (a 1 ms wait): the answer comes back through serviceResolved.
            thread.execute(() -> responder.requestServiceInfo(event.getType(), event.getName(), 1));
        }

        @Override
        public void serviceRemoved(ServiceEvent event) {
            thread.execute(() -> {
                if (found.remove(where + "/" + event.getName()) != null) {
                    publish();
                }
            });
        }

        @Override
        public void serviceResolved(ServiceEvent event) {
            ServiceInfo info = event.getInfo();
            thread.execute(() -> read(info).ifPresent(server -> {
                if (!server.equals(found.put(where + "/" + event.getName(), server))) {
                    publish();
                }
            }));
        }
    }
}
