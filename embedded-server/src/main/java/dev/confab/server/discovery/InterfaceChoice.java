package dev.confab.server.discovery;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The addresses to announce on, one mDNS responder each. Injectable: tests in a network namespace or on a machine
 * with nothing but loopback name their interface; everyone else takes {@link #suitable()}.
 */
@FunctionalInterface
public interface InterfaceChoice {
    /** The IPv4 addresses to announce on now; empty when there is none (nothing is announced). */
    List<InetAddress> addresses();

    /** Every interface that is up, multicast-capable and not loopback; IPv4 addresses only. */
    static InterfaceChoice suitable() {
        return () -> pick(nic -> !isLoopback(nic));
    }

    /** The interfaces with these names (loopback included when named), if they are up. */
    static InterfaceChoice named(List<String> names) {
        Set<String> wanted = Set.copyOf(names);
        return () -> pick(nic -> wanted.contains(nic.getName()));
    }

    /** {@link #named} when names are given, else {@link #suitable}. */
    static InterfaceChoice of(List<String> names) {
        return names.isEmpty() ? suitable() : named(names);
    }

    private static List<InetAddress> pick(java.util.function.Predicate<NetworkInterface> wanted) {
        List<InetAddress> found = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isUp() && (nic.supportsMulticast() || nic.isLoopback()) && wanted.test(nic)) {
                    Collections.list(nic.getInetAddresses()).stream()
                            .filter(Inet4Address.class::isInstance).forEach(found::add);
                }
            }
        } catch (SocketException e) {
            Logger log = LoggerFactory.getLogger(InterfaceChoice.class);
            log.warn("Cannot list network interfaces; not announcing ({})", e.getMessage());
        }
        return found;
    }

    private static boolean isLoopback(NetworkInterface nic) {
        try {
            return nic.isLoopback();
        } catch (SocketException e) {
            return true;
        }
    }
}
