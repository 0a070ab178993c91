package dev.confab.server.discovery;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The addresses to announce on, one mDNS responder each. Injectable: tests in a network namespace or on a machine
 * with nothing but loopback name their interface; everyone else takes {@link #suitable()}.
 */
@FunctionalInterface
public interface InterfaceChoice {
    /**
     * Names of interfaces that are not the LAN: container and VM bridges and their virtual cables (Docker, libvirt,
     * LXC/LXD, Kubernetes CNIs, VirtualBox, VMware, Linux {@code vnet}/{@code veth}), and VPN tunnels (tun/tap,
     * WireGuard, PPP, macOS {@code utun}, ZeroTier, Tailscale). {@code br0} and the like stay: a bridge named by its
     * admin is often the LAN itself; Docker's own bridges are {@code docker0} and {@code br-<id>}.
     */
    Pattern NOT_LAN_NAME = Pattern.compile("^(docker|br-|virbr|veth|vnet|vboxnet|vmnet|lxcbr|lxdbr|cni|flannel|cali"
            + "|vxlan|kube|weave|tun|tap|wg|ppp|utun|ipsec|zt|tailscale).*");
    /** The same, by the longer names Windows gives its adapters. */
    Pattern NOT_LAN_DISPLAY_NAME = Pattern.compile(".*(vpn|wireguard|tailscale|zerotier|hyper-v|vethernet"
            + "|virtualbox|vmware|tap-windows|wintun|hamachi).*");

    /** The IPv4 addresses to announce on now; empty when there is none (nothing is announced). */
    List<InetAddress> addresses();

    /**
     * One network interface as the choice sees it.
     *
     * @param name         the system's name ({@code eth0}, {@code wlan0}, {@code en0}, {@code docker0})
     * @param displayName  the longer name some systems give it (Windows: "Hyper-V Virtual Ethernet Adapter")
     * @param up           whether it is up
     * @param loopback     whether it is the loopback interface
     * @param multicast    whether it supports multicast
     * @param pointToPoint whether it is point-to-point (most VPN tunnels)
     * @param bridged      whether it is a port of a bridge (Linux: it has a {@code master}), so not addressed itself
     * @param ipv4         its IPv4 addresses
     */
    record Nic(String name, String displayName, boolean up, boolean loopback, boolean multicast,
               boolean pointToPoint, boolean bridged, List<InetAddress> ipv4) {
        public Nic {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(displayName, "displayName");
            ipv4 = List.copyOf(ipv4);
        }

        /**
         * Whether browsers on the LAN can be reached through it: up, multicast-capable, not loopback, not a tunnel
         * (point-to-point or by name), not a container or VM interface, not a bridge port.
         */
        public boolean isLan() {
            return up && multicast && !loopback && !pointToPoint && !bridged
                    && !NOT_LAN_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches()
                    && !NOT_LAN_DISPLAY_NAME.matcher(displayName.toLowerCase(Locale.ROOT)).matches();
        }
    }

    /** Every interface that {@link Nic#isLan() is the LAN}; IPv4 addresses only. */
    static InterfaceChoice suitable() {
        return () -> addressesOf(Nic::isLan);
    }

    /** The interfaces with these names (loopback included when named), if they are up. */
    static InterfaceChoice named(List<String> names) {
        Set<String> wanted = Set.copyOf(names);
        return () -> addressesOf(nic -> nic.up() && (nic.multicast() || nic.loopback())
                && wanted.contains(nic.name()));
    }

    /** {@link #named} when names are given, else {@link #suitable}. */
    static InterfaceChoice of(List<String> names) {
        return names.isEmpty() ? suitable() : named(names);
    }

    /** This computer's interfaces now; empty (and a warning) when they cannot be listed. */
    static List<Nic> current() {
        List<Nic> nics = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                List<InetAddress> ipv4 = Collections.list(nic.getInetAddresses()).stream()
                        .filter(Inet4Address.class::isInstance).toList();
                String display = nic.getDisplayName() == null ? nic.getName() : nic.getDisplayName();
                nics.add(new Nic(nic.getName(), display, nic.isUp(), nic.isLoopback(), nic.supportsMulticast(),
                        nic.isPointToPoint(), Files.exists(Path.of("/sys/class/net", nic.getName(), "master")),
                        ipv4));
            }
        } catch (SocketException e) {
            Logger log = LoggerFactory.getLogger(InterfaceChoice.class);
            log.warn("Cannot list network interfaces; not announcing ({})", e.getMessage());
        }
        return nics;
    }

    private static List<InetAddress> addressesOf(Predicate<Nic> wanted) {
        return current().stream().filter(wanted).flatMap(nic -> nic.ipv4().stream()).toList();
    }
}
