package dev.confab.protocol;

import java.util.Arrays;
import java.util.Optional;

/** WebSocket close codes the server uses, with their meaning in Confab. */
public enum CloseCode {
    NORMAL(1000),
    /** The server is shutting down; reconnect later. */
    GOING_AWAY(1001),
    /** A frame or message larger than the server's limit. */
    TOO_LARGE(1009),
    /** The connection stopped reading and its unsent output passed the server's bound (addition to the core). */
    SLOW_CONSUMER(4008),
    /** Authentication failed or timed out. */
    AUTH_FAILED(4401),
    /** The user is banned or not allowed on this server. */
    FORBIDDEN(4403),
    /** No pong or frame from the client within the heartbeat timeout. */
    HEARTBEAT_TIMEOUT(4408),
    /** The client kept sending after being rate limited (addition to the core). */
    RATE_LIMITED(4029),
    /** The user already has the maximum number of connections. */
    TOO_MANY_CONNECTIONS(4429),
    INTERNAL_ERROR(4500);

    private final int code;

    CloseCode(int code) {
        this.code = code;
    }

    /** The numeric code sent in the close frame. */
    public int code() {
        return code;
    }

    /** The close code with this number, if Confab defines one. */
    public static Optional<CloseCode> of(int code) {
        return Arrays.stream(values()).filter(c -> c.code == code).findFirst();
    }
}
