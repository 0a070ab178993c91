package dev.confab.client.net;

/** Why a connection ended (or never began), reduced to what the app does next. */
public enum DropReason {
    /** Nothing answered at the address (refused, unknown host, timed out). Retryable. */
    UNREACHABLE(true),
    /** Something answered, but it does not speak the Confab protocol. Retrying will not help. */
    NOT_CONFAB(false),
    /** The server refused the credentials or token (close 4401): the user must sign in again. */
    AUTH_REJECTED(false),
    /** The user is banned or not allowed (close 4403). */
    FORBIDDEN(false),
    /** The server is shutting down (1001); it will probably come back. */
    SERVER_GOING_AWAY(true),
    /** The connection broke for any other reason (network, heartbeat, server error). */
    LOST(true),
    /**
     * The server's TLS certificate is neither vouched for by a system authority nor trusted by the user, and the
     * user declined to trust it (or changed their mind about a changed one). Retrying will not help.
     */
    UNTRUSTED_CERTIFICATE(false),
    /** This app closed it on purpose. */
    CLOSED_BY_CLIENT(false);

    private final boolean retryable;

    DropReason(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether reconnecting on our own can help. */
    public boolean retryable() {
        return retryable;
    }

    /** Maps a WebSocket close to a reason; {@code neverOpened} when the handshake did not complete. */
    public static DropReason fromClose(int code, boolean neverOpened, boolean byClient) {
        if (byClient) {
            return CLOSED_BY_CLIENT;
        }
        if (neverOpened) {
            // Java-WebSocket reports a refused TCP connection as -1 and a non-WebSocket HTTP answer as 1002.
            return code == 1002 ? NOT_CONFAB : UNREACHABLE;
        }
        return switch (code) {
            case 4401 -> AUTH_REJECTED;
            case 4403 -> FORBIDDEN;
            case 1001 -> SERVER_GOING_AWAY;
            default -> LOST;
        };
    }
}
