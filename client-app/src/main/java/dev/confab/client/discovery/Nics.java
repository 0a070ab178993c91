package dev.confab.client.discovery;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/** Reading this computer's network interfaces into plain values, for the browser and the network check. */
public final class Nics {
    private Nics() {
    }

    /**
     * One network interface as the network check sees it.
     *
     * @param name        the system's name, e.g. {@code eth0}, {@code wlan0}, {@code en0}
     * @param displayName the longer name some systems give it (Windows: "Intel Wi-Fi 6 AX201")
     * @param up          whether it is up
     * @param loopback    whether it is the loopback interface
     * @param pointToPoint whether it is point-to-point (most VPN tunnels)
     * @param multicast   whether it supports multicast
     * @param ipv4        its IPv4 addresses with their prefix, e.g. {@code 192.168.1.20/24}
     */
    public record Nic(String name, String displayName, boolean up, boolean loopback, boolean pointToPoint,
                      boolean multicast, List<String> ipv4) {
        public Nic {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(displayName, "displayName");
            ipv4 = List.copyOf(ipv4);
        }

        /** True for interfaces that look like a VPN tunnel rather than a LAN. */
        public boolean looksLikeVpn() {
            String lower = (name + " " + displayName).toLowerCase(Locale.ROOT);
            return pointToPoint || lower.matches("(?s)^(tun|wg|ppp|utun|ipsec|gpd|zt|tailscale).*")
                    || lower.contains("vpn") || lower.contains("wireguard") || lower.contains("tailscale");
        }
    }

    /** The interfaces of this computer now; empty when they cannot be read. */
    public static List<Nic> current() {
        List<Nic> nics = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                List<String> ipv4 = new ArrayList<>();
                for (InterfaceAddress address : nic.getInterfaceAddresses()) {
                    if (address.getAddress() instanceof Inet4Address) {
                        ipv4.add(address.getAddress().getHostAddress() + "/" + address.getNetworkPrefixLength());
                    }
                }
                String display = nic.getDisplayName() == null ? nic.getName() : nic.getDisplayName();
                nics.add(new Nic(nic.getName(), display, nic.isUp(), nic.isLoopback(), nic.isPointToPoint(),
                        nic.supportsMulticast(), ipv4));
            }
        } catch (SocketException e) {
            LoggerFactory.getLogger(Nics.class).warn("Cannot list network interfaces: {}", e.toString());
        }
        return nics;
    }

    /** The IPv4 addresses of the interfaces fit for mDNS: up, multicast-capable, not loopback, not a VPN. */
    public static List<InetAddress> multicastAddresses(List<Nic> nics) {
        List<InetAddress> addresses = new ArrayList<>();
        for (Nic nic : nics) {
            if (nic.up() && nic.multicast() && !nic.loopback() && !nic.looksLikeVpn()) {
                for (String cidr : nic.ipv4()) {
                    try {
                        addresses.add(InetAddress.getByName(cidr.substring(0, cidr.indexOf('/'))));
                    } catch (java.net.UnknownHostException e) {
                        throw new IllegalStateException("not an address: " + cidr, e);
                    }
                }
            }
        }
        return addresses;
    }

    /** The network part of {@code 192.168.1.20/24}: {@code 192.168.1.0/24}. */
    static String subnetOf(String cidr) {
        int slash = cidr.indexOf('/');
        int prefix = Integer.parseInt(cidr.substring(slash + 1));
        String[] parts = cidr.substring(0, slash).split("\\.");
        long value = 0;
        for (String part : parts) {
            value = value << 8 | Integer.parseInt(part);
        }
        long mask = prefix == 0 ? 0 : 0xFFFFFFFFL << (32 - prefix) & 0xFFFFFFFFL;
        long network = value & mask;
        return (network >> 24 & 255) + "." + (network >> 16 & 255) + "." + (network >> 8 & 255) + "."
                + (network & 255) + "/" + prefix;
    }
}
