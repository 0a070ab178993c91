package dev.confab.client.viewmodel;

import dev.confab.client.net.ServerAddress;
import java.util.List;

/**
 * A room this computer hosts.
 *
 * @param local where this app's own client connects (loopback)
 * @param lanAddresses {@code host:port} forms other people on the network should type
 */
public record HostedRoom(ServerAddress local, List<String> lanAddresses) {
    public HostedRoom {
        lanAddresses = List.copyOf(lanAddresses);
    }

    /** The name a server hosted by {@code owner} goes by ("Dana's room"); the app's name for no owner. */
    public static String serverName(String owner) {
        return owner.isBlank() ? Texts.get("app.title") : Texts.get("host.roomName", owner.strip());
    }
}
