package dev.confab.server.tls;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The names and addresses this host is reached by on a LAN, for a self-signed certificate's subject names. */
public final class LocalNames {
    private LocalNames() {
    }

    /**
     * The bind address (unless it is a wildcard), the host name, and every address of every interface that is up,
     * loopback excluded (the certificate adds loopback itself). Link-local IPv6 addresses are left out: their
     * zone makes them useless in a URL.
     */
    public static List<String> of(String bindHost) {
        Set<String> names = new LinkedHashSet<>();
        if (!bindHost.equals("0.0.0.0") && !bindHost.equals("::") && !bindHost.equals("[::]")) {
            names.add(bindHost);
        }
        try {
            names.add(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            // No resolvable host name: the addresses are enough.
        }
        try {
            for (NetworkInterface face : NetworkInterface.networkInterfaces().toList()) {
                if (!face.isUp() || face.isLoopback()) {
                    continue;
                }
                for (InetAddress address : face.inetAddresses().toList()) {
                    if (!(address instanceof Inet6Address && address.isLinkLocalAddress())) {
                        String text = address.getHostAddress();
                        int zone = text.indexOf('%');
                        names.add(zone < 0 ? text : text.substring(0, zone));
                    }
                }
            }
        } catch (SocketException e) {
            // Interfaces unknown: the host name and loopback remain.
        }
        return new ArrayList<>(names);
    }
}
