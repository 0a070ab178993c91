package dev.confab.server.discovery;

import dev.confab.protocol.lan.LanAnnouncement;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;

/** A JmDNS browser for the tests, paced like the app's: what is announced right now, by instance name. */
final class TestBrowser implements ServiceListener, AutoCloseable {
    private final JmDNS jmdns;
    private final Map<String, LanAnnouncement> found = new ConcurrentHashMap<>();
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();

    private TestBrowser(JmDNS jmdns) {
        this.jmdns = jmdns;
    }

    static TestBrowser on(InetAddress address) throws IOException {
        RfcPace.install(); // as the app's browser: withdrawn services are dropped within about 2 s
        TestBrowser browser = new TestBrowser(JmDNS.create(address, "confab-test-browser"));
        browser.jmdns.addServiceListener(LanAnnouncement.SERVICE_TYPE, browser);
        return browser;
    }

    Optional<LanAnnouncement> find(String serverName) {
        return found.values().stream().filter(a -> a.name().equals(serverName)).findFirst();
    }

    Optional<Integer> port(String serverName) {
        return found.entrySet().stream().filter(e -> e.getValue().name().equals(serverName))
                .map(e -> ports.get(e.getKey())).findFirst();
    }

    @Override
    public void serviceAdded(ServiceEvent event) {
        jmdns.requestServiceInfo(event.getType(), event.getName(), 1_000);
    }

    @Override
    public void serviceRemoved(ServiceEvent event) {
        found.remove(event.getName());
    }

    @Override
    public void serviceResolved(ServiceEvent event) {
        ServiceInfo info = event.getInfo();
        Map<String, String> txt = new HashMap<>();
        for (String key : Collections.list(info.getPropertyNames())) {
            txt.put(key, info.getPropertyString(key));
        }
        if (txt.isEmpty()) {
            return; // resolved before its TXT record arrived; another resolution follows
        }
        LanAnnouncement.fromTxt(event.getName(), txt).ifPresent(a -> {
            ports.put(event.getName(), info.getPort());
            found.put(event.getName(), a);
        });
    }

    @Override
    public void close() throws IOException {
        jmdns.close();
    }
}
