package dev.confab.client.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkCheckTest {
    private static final Nics.Nic LOOPBACK = new Nics.Nic("lo", "lo", true, true, false, false,
            List.of("127.0.0.1/8"));
    private static final Nics.Nic WIFI = new Nics.Nic("wlan0", "wlan0", true, false, false, true,
            List.of("192.168.1.20/24"));

    private static List<Finding> check(String problem, Nics.Nic... nics) {
        return NetworkCheck.create(() -> List.of(nics)).run(problem);
    }

    @Test
    void saysOfflineWhenOnlyLoopbackIsUp() {
        Nics.Nic unplugged = new Nics.Nic("eth0", "eth0", false, false, false, true, List.of());
        assertThat(check("", LOOPBACK, unplugged)).containsExactly(new Finding.Offline());
        assertThat(check("")).containsExactly(new Finding.Offline());
    }

    @Test
    void saysVpnOnlyWhenEveryNetworkIsATunnel() {
        Nics.Nic tun = new Nics.Nic("tun0", "tun0", true, false, true, false, List.of("10.8.0.2/24"));
        Nics.Nic wireguard = new Nics.Nic("wg0", "wg0", true, false, false, false, List.of("10.9.0.2/32"));
        assertThat(check("", LOOPBACK, tun, wireguard)).containsExactly(new Finding.VpnOnly(List.of("tun0", "wg0")));
    }

    @Test
    void recognisesAWindowsVpnAdapterByItsDisplayName() {
        Nics.Nic adapter = new Nics.Nic("eth7", "Cisco AnyConnect VPN Virtual Miniport", true, false, false, true,
                List.of("10.1.2.3/24"));
        assertThat(check("", adapter)).containsExactly(new Finding.VpnOnly(List.of("eth7")));
    }

    @Test
    void saysNoMulticastWhenTheLanCannotCarryIt() {
        Nics.Nic noMulticast = new Nics.Nic("eth0", "eth0", true, false, false, false, List.of("10.0.0.7/16"));
        assertThat(check("", LOOPBACK, noMulticast)).containsExactly(new Finding.NoMulticast(List.of("eth0")));
    }

    @Test
    void pointsAtTheFirewallAndTheSubnetWhenTheInterfacesLookFine() {
        assertThat(check("", LOOPBACK, WIFI)).containsExactly(new Finding.FirewallMayBlock(7480),
                new Finding.OnlyTheseSubnets(List.of("192.168.1.0/24")));
    }

    @Test
    void reportsFirstThatTheAppCouldNotListen() {
        assertThat(check("192.168.1.20: Address already in use", WIFI).getFirst())
                .isEqualTo(new Finding.CannotListen("192.168.1.20: Address already in use"));
    }

    @Test
    void aVpnNextToTheLanIsNoProblem() {
        Nics.Nic tun = new Nics.Nic("tun0", "tun0", true, false, true, false, List.of("10.8.0.2/24"));
        assertThat(check("", WIFI, tun)).containsExactly(new Finding.FirewallMayBlock(7480),
                new Finding.OnlyTheseSubnets(List.of("192.168.1.0/24")));
    }

    @Test
    void computesTheNetworkPartOfAnAddress() {
        assertThat(Nics.subnetOf("192.168.1.20/24")).isEqualTo("192.168.1.0/24");
        assertThat(Nics.subnetOf("10.20.30.40/12")).isEqualTo("10.16.0.0/12");
        assertThat(Nics.subnetOf("172.16.5.4/32")).isEqualTo("172.16.5.4/32");
    }

    @Test
    void browsesOnlyOnLanInterfacesThatCarryMulticast() throws Exception {
        Nics.Nic tun = new Nics.Nic("tun0", "tun0", true, false, true, true, List.of("10.8.0.2/24"));
        assertThat(Nics.multicastAddresses(List.of(LOOPBACK, WIFI, tun)))
                .containsExactly(java.net.InetAddress.getByName("192.168.1.20"));
    }
}
