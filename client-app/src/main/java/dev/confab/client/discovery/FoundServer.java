package dev.confab.client.discovery;

import dev.confab.client.net.ServerAddress;
import dev.confab.protocol.lan.LanAnnouncement;
import java.util.Objects;

/**
 * A server announced on the local network, as last heard.
 *
 * @param address where to connect (the announced address and port; {@code wss} when it says TLS)
 * @param about   what it announced: name, version, guests, how many online
 */
public record FoundServer(ServerAddress address, LanAnnouncement about) {
    public FoundServer {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(about, "about");
    }
}
