package dev.confab.client.discovery;

import java.util.List;

/** One thing the network check found that explains why no server shows up. */
public sealed interface Finding {
    /** No interface but loopback is up: this computer is not on a network. */
    record Offline() implements Finding {
    }

    /** The only networks are VPN tunnels, which do not carry the LAN's multicast. */
    record VpnOnly(List<String> interfaces) implements Finding {
        public VpnOnly {
            interfaces = List.copyOf(interfaces);
        }
    }

    /** The LAN interfaces do not support multicast, which discovery needs. */
    record NoMulticast(List<String> interfaces) implements Finding {
        public NoMulticast {
            interfaces = List.copyOf(interfaces);
        }
    }

    /** The app could not listen for announcements at all (UDP port 5353). */
    record CannotListen(String detail) implements Finding {
    }

    /** Nothing wrong could be seen here; a firewall may still drop UDP 5353 or the chat port. */
    record FirewallMayBlock(int chatPort) implements Finding {
    }

    /** Discovery only reaches these subnets; a host elsewhere must be joined by address. */
    record OnlyTheseSubnets(List<String> subnets) implements Finding {
        public OnlyTheseSubnets {
            subnets = List.copyOf(subnets);
        }
    }
}
