package dev.confab.client.discovery;

import dev.confab.client.net.ServerAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Explains an empty "Found on your network" list from this computer's interfaces: not on a network, only a VPN,
 * no multicast, or the app could not listen; and, when all of that looks fine, the causes it cannot see from here
 * (a firewall, a host on another subnet). The most likely cause comes first.
 */
public final class NetworkCheck {
    private final Supplier<List<Nics.Nic>> interfaces;

    private NetworkCheck(Supplier<List<Nics.Nic>> interfaces) {
        this.interfaces = interfaces;
    }

    /** A check over this computer's interfaces. */
    public static NetworkCheck create() {
        return new NetworkCheck(Nics::current);
    }

    /** A check over given interfaces (tests). */
    public static NetworkCheck create(Supplier<List<Nics.Nic>> interfaces) {
        return new NetworkCheck(interfaces);
    }

    /** The findings, most likely cause first; {@code browserProblem} is the browser's own, empty if none. */
    public List<Finding> run(String browserProblem) {
        List<Nics.Nic> up = interfaces.get().stream().filter(Nics.Nic::up).filter(nic -> !nic.loopback())
                .filter(nic -> !nic.ipv4().isEmpty() || nic.looksLikeVpn()).toList();
        if (up.isEmpty()) {
            return List.of(new Finding.Offline());
        }
        List<Nics.Nic> lan = up.stream().filter(nic -> !nic.looksLikeVpn()).toList();
        if (lan.isEmpty()) {
            return List.of(new Finding.VpnOnly(names(up)));
        }
        List<Nics.Nic> multicast = lan.stream().filter(Nics.Nic::multicast).toList();
        if (multicast.isEmpty()) {
            return List.of(new Finding.NoMulticast(names(lan)));
        }
        List<Finding> findings = new ArrayList<>();
        if (!browserProblem.isBlank()) {
            findings.add(new Finding.CannotListen(browserProblem));
        }
        findings.add(new Finding.FirewallMayBlock(ServerAddress.DEFAULT_PORT));
        findings.add(new Finding.OnlyTheseSubnets(multicast.stream().flatMap(nic -> nic.ipv4().stream())
                .map(Nics::subnetOf).distinct().toList()));
        return findings;
    }

    private static List<String> names(List<Nics.Nic> nics) {
        return nics.stream().map(Nics.Nic::name).toList();
    }
}
