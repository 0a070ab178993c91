package dev.confab.server.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.server.discovery.InterfaceChoice.Nic;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which interfaces count as the LAN, on interface descriptions made up for each case. */
class InterfaceChoiceTest {
    @ParameterizedTest(name = "{0} ({1}) is the LAN")
    @CsvSource({
        "eth0, eth0",
        "enp3s0, enp3s0",
        "wlan0, wlan0",
        "wlp2s0, wlp2s0",
        "en0, en0",
        "br0, br0",
        "eth3, Intel(R) Wi-Fi 6 AX201 160MHz",
        // the veth end inside NetnsDiscoveryTest's namespace: a veth, but not a bridge port
        "cfa12345, cfa12345",
    })
    void lanInterfacesAreChosen(String name, String displayName) {
        assertThat(nic(name, displayName, false, false).isLan()).isTrue();
    }

    @ParameterizedTest(name = "{0} ({1}) is not the LAN")
    @CsvSource({
        "docker0, docker0",
        "br-3f2a9c1d7e4b, br-3f2a9c1d7e4b",
        "virbr0, virbr0",
        "veth8c1e2f0, veth8c1e2f0",
        "vnet3, vnet3",
        "vboxnet0, vboxnet0",
        "vmnet8, vmnet8",
        "lxcbr0, lxcbr0",
        "lxdbr0, lxdbr0",
        "cni0, cni0",
        "flannel.1, flannel.1",
        "cali1234abcd, cali1234abcd",
        "tun0, tun0",
        "tap0, tap0",
        "wg0, wg0",
        "ppp0, ppp0",
        "utun3, utun3",
        "zt5u4ab2, zt5u4ab2",
        "tailscale0, tailscale0",
        "eth5, Hyper-V Virtual Ethernet Adapter",
        "eth6, vEthernet (WSL)",
        "eth7, VirtualBox Host-Only Ethernet Adapter",
        "eth8, VMware Virtual Ethernet Adapter for VMnet8",
        "net4, TAP-Windows Adapter V9",
        "net5, WireGuard Tunnel",
        "net6, Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter for Windows x64 VPN",
    })
    void containerVmAndVpnInterfacesAreNot(String name, String displayName) {
        assertThat(nic(name, displayName, false, false).isLan()).isFalse();
    }

    @org.junit.jupiter.api.Test
    void pointToPointLinksAndBridgePortsAreNot() {
        assertThat(nic("eth1", "eth1", true, false).isLan()).as("point-to-point, e.g. an oddly named VPN").isFalse();
        assertThat(nic("eth1", "eth1", false, true).isLan()).as("a port of a bridge").isFalse();
    }

    @org.junit.jupiter.api.Test
    void downLoopbackAndNonMulticastInterfacesAreNot() throws Exception {
        List<InetAddress> ipv4 = List.of(InetAddress.getByName("192.168.1.20"));
        assertThat(new Nic("eth0", "eth0", false, false, true, false, false, ipv4).isLan()).as("down").isFalse();
        assertThat(new Nic("lo", "lo", true, true, true, false, false, ipv4).isLan()).as("loopback").isFalse();
        assertThat(new Nic("eth0", "eth0", true, false, false, false, false, ipv4).isLan()).as("no multicast")
                .isFalse();
    }

    private static Nic nic(String name, String displayName, boolean pointToPoint, boolean bridged) {
        return new Nic(name, displayName, true, false, true, pointToPoint, bridged, List.of());
    }
}
