package dev.confab.bench.load;

import java.util.List;

/**
 * How the load generator connects: where, how it authenticates, how many selector threads, how many handshakes
 * may be in flight at once, and the size of each message body.
 *
 * @param host          the server's loopback address
 * @param ports         the server's port, or the ports of its nodes: connections are spread over them by
 *                      {@link #portFor}
 * @param path          the WebSocket path, {@code /ws}
 * @param auth          how a connection becomes ready to join rooms
 * @param ioThreads     selector threads (1 or 2; never one per connection)
 * @param maxInFlight   connections opening at once (handshake plus login)
 * @param bodyChars     characters of each message's content
 * @param namePrefix    prefix of guest usernames, unique per run so no name is taken by a lingering connection
 */
public record EngineConfig(String host, List<Integer> ports, String path, Auth auth, int ioThreads,
                           int maxInFlight, int bodyChars, String namePrefix) {
    public EngineConfig(String host, int port, String path, Auth auth, int ioThreads, int maxInFlight,
                        int bodyChars, String namePrefix) {
        this(host, List.of(port), path, auth, ioThreads, maxInFlight, bodyChars, namePrefix);
    }

    public EngineConfig {
        ports = List.copyOf(ports);
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("at least one port");
        }
        if (!host.startsWith("127.")) {
            throw new IllegalArgumentException("benchmarks target loopback only, not " + host);
        }
        if (ioThreads < 1 || ioThreads > 4) {
            throw new IllegalArgumentException("ioThreads must be 1..4");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be positive");
        }
    }

    /**
     * The port connection {@code index} opens on. With several nodes, a fixed hash of the index spreads the
     * clients about evenly, as a balancer would, without lining up with the scenarios' room numbering (a plain
     * {@code index % nodes} would put every member of an S3 room on the same node).
     */
    public int portFor(int index) {
        if (ports.size() == 1) {
            return ports.getFirst();
        }
        int h = index * 0x9E3779B9;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return ports.get(Integer.remainderUnsigned(h, ports.size()));
    }

    /** How a connection authenticates once the upgrade is done. */
    public enum Auth {
        /** Waits for {@code hello}, sends {@code login} with a username only, waits for {@code connected}. */
        GUEST,
        /**
         * Presents a token from an earlier session in the upgrade request ({@code ?token=}, as a reconnecting
         * client does; see {@link LoadEngine#presentTokens}), waits for {@code connected}.
         */
        TOKEN,
        /** Ready right after the upgrade: the peers implement only the core subset, without accounts. */
        NONE
    }
}
