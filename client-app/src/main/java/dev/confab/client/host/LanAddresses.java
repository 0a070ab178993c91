package dev.confab.client.host;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/** The addresses other computers on the network can reach this one at: IPv4 LAN addresses first. */
public final class LanAddresses {
    private LanAddresses() {
    }

    /** {@code host:port} for every usable interface address; {@code localhost:port} when there is none. */
    public static List<String> forPort(int port) {
        List<InetAddress> found = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback() || nic.isVirtual() || nic.isPointToPoint()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLinkLocalAddress()) {
                        found.add(address);
                    }
                }
            }
        } catch (SocketException e) {
            org.slf4j.LoggerFactory.getLogger(LanAddresses.class).warn("Cannot list network interfaces", e);
        }
        found.sort(Comparator.comparing((InetAddress a) -> !a.isSiteLocalAddress())
                .thenComparing(InetAddress::getHostAddress));
        List<String> shown = found.stream().map(a -> a.getHostAddress() + ":" + port).distinct().toList();
        return shown.isEmpty() ? List.of("localhost:" + port) : shown;
    }
}
