package dev.confab.server.net;

import dev.confab.server.SecurityConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;

/**
 * Who may open a connection, decided at the upgrade: the browser origin (when the request has one) and the count
 * of connections from one remote address. A connection admitted here holds a slot of its address until
 * {@link #release} (its close); the check and the reservation are one atomic step, so that a burst of handshakes
 * cannot all pass before any of them is counted.
 */
final class ConnectionPolicy {
    private final int maxConnections;
    private final SecurityConfig security;
    private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private final Map<WebSocket, InetAddress> holders = new ConcurrentHashMap<>();

    ConnectionPolicy(int maxConnections, SecurityConfig security) {
        this.maxConnections = maxConnections;
        this.security = security;
    }

    int maxConnections() {
        return maxConnections;
    }

    /** Why this request's origin is refused, or empty when it has none or an allowed one. */
    Optional<String> refusedOrigin(ClientHandshake request) {
        if (!request.hasFieldValue("Origin")) {
            return Optional.empty();
        }
        String origin = request.getFieldValue("Origin");
        return security.originAllowed(origin) ? Optional.empty()
                : Optional.of("origin not allowed");
    }

    /** Takes a slot for the connection's address; false (nothing taken) when the address has used them all. */
    boolean reserve(WebSocket connection) {
        InetSocketAddress remote = connection.getRemoteSocketAddress();
        if (remote == null || remote.getAddress() == null) {
            return true;
        }
        InetAddress address = remote.getAddress();
        if (address.isLoopbackAddress() && !security.capLoopback()) {
            return true;
        }
        boolean[] taken = {false};
        perAddress.compute(address, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= security.maxConnectionsPerAddress()) {
                return count;
            }
            taken[0] = true;
            return now + 1;
        });
        if (taken[0]) {
            holders.put(connection, address);
        }
        return taken[0];
    }

    /** Gives back the connection's slot, if it held one. */
    void release(WebSocket connection) {
        InetAddress address = holders.remove(connection);
        if (address != null) {
            perAddress.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
        }
    }

    /** Addresses holding at least one slot now. */
    int trackedAddresses() {
        return perAddress.size();
    }
}
