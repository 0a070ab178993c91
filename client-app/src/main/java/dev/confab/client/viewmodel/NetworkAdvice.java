package dev.confab.client.viewmodel;

import dev.confab.client.discovery.FoundServer;
import dev.confab.client.discovery.Finding;
import java.util.List;

/** Words for what the LAN browser and the network check found. */
final class NetworkAdvice {
    private NetworkAdvice() {
    }

    static CheckItem of(Finding finding) {
        return switch (finding) {
            case Finding.Offline o -> item("check.offline");
            case Finding.VpnOnly v -> item("check.vpnOnly", String.join(", ", v.interfaces()));
            case Finding.NoMulticast n -> item("check.noMulticast", String.join(", ", n.interfaces()));
            case Finding.CannotListen c -> item("check.cannotListen", c.detail());
            case Finding.FirewallMayBlock f -> item("check.firewall", String.valueOf(f.chatPort()));
            case Finding.OnlyTheseSubnets s -> item("check.subnet", String.join(", ", s.subnets()));
        };
    }

    static List<CheckItem> of(List<Finding> findings) {
        return findings.stream().map(NetworkAdvice::of).toList();
    }

    static FoundItem item(FoundServer server) {
        String online = Texts.get("start.found.online", String.valueOf(server.about().online()));
        String detail = server.about().guests() ? online + " · " + Texts.get("start.found.guests") : online;
        return new FoundItem(server.about().name(), server.address().display(), detail);
    }

    private static CheckItem item(String key, String... args) {
        return new CheckItem(Texts.get(key + ".title", (Object[]) args), Texts.get(key + ".advice", (Object[]) args));
    }
}
