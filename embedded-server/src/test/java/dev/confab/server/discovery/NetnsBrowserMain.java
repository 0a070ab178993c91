package dev.confab.server.discovery;

import dev.confab.protocol.lan.LanAnnouncement;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceListener;
import javax.jmdns.impl.JmDNSImpl;

/**
 * The browsing side of {@link NetnsDiscoveryTest}, run in its own network namespace, paced like the app's browser
 * ({@link RfcPace}): browses on the address given and prints one line per event ({@code READY},
 * {@code FOUND name at address:port online=n}, {@code GONE name}) until killed.
 */
public final class NetnsBrowserMain {
    private NetnsBrowserMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        RfcPace.install(); // as the app's browser: withdrawn services are dropped within about 2 s
        JmDNS jmdns = JmDNS.create(InetAddress.getByName(args[0]), "netns-browser");
        if (jmdns instanceof JmDNSImpl impl) {
            impl.waitForAnnounced(15_000);
        }
        jmdns.addServiceListener(LanAnnouncement.SERVICE_TYPE, new ServiceListener() {
            @Override
            public void serviceAdded(ServiceEvent event) {
                jmdns.requestServiceInfo(event.getType(), event.getName(), 1);
            }

            @Override
            public void serviceRemoved(ServiceEvent event) {
                say("GONE " + event.getName());
            }

            @Override
            public void serviceResolved(ServiceEvent event) {
                Map<String, String> txt = new HashMap<>();
                for (String key : Collections.list(event.getInfo().getPropertyNames())) {
                    txt.put(key, event.getInfo().getPropertyString(key));
                }
                // What the app needs to list a host: the TXT record, an IPv4 address and the port.
                InetAddress[] hosts = event.getInfo().getInet4Addresses();
                if (!txt.isEmpty() && hosts.length > 0 && event.getInfo().getPort() > 0) {
                    LanAnnouncement.fromTxt(event.getName(), txt).ifPresent(a -> say("FOUND " + a.name() + " at "
                            + hosts[0].getHostAddress() + ":" + event.getInfo().getPort() + " online=" + a.online()));
                }
            }
        });
        say("READY");
        Thread.currentThread().join();
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
