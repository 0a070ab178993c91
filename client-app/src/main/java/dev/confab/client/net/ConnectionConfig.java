package dev.confab.client.net;

import java.time.Duration;

/**
 * The client's network limits, in one place.
 *
 * @param backoff how long to wait between reconnection attempts
 * @param connectTimeout how long one attempt may take from its start to the server's first frame ({@code hello}):
 *     the TCP connect, the TLS and WebSocket handshakes, and the hello; a peer that accepts and then stays silent is
 *     given up on after this long, as unreachable
 * @param heartbeat how often the socket is pinged; a peer silent for longer is treated as gone
 */
public record ConnectionConfig(Backoff backoff, Duration connectTimeout, Duration heartbeat) {
    public ConnectionConfig {
        if (connectTimeout.toMillis() < 100 || heartbeat.toSeconds() < 1) {
            throw new IllegalArgumentException("connectTimeout >= 100 ms and heartbeat >= 1 s");
        }
    }

    /** The defaults: backoff 1..30 s, 5 s to connect, 20 s heartbeat. */
    public static ConnectionConfig defaults() {
        return new ConnectionConfig(Backoff.standard(), Duration.ofSeconds(5), Duration.ofSeconds(20));
    }
}
