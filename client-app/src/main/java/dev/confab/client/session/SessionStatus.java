package dev.confab.client.session;

import dev.confab.client.net.DropReason;
import java.time.Instant;

/** The connection as the user sees it: the dot and words next to the server's name. */
public sealed interface SessionStatus {
    /** An attempt is under way. */
    record Connecting() implements SessionStatus {
    }

    /** Signed in and live. */
    record Online() implements SessionStatus {
    }

    /** Dropped; the next attempt starts at {@code at}. */
    record Reconnecting(Instant at) implements SessionStatus {
    }

    /** Stopped; nothing happens until the user retries (or signs in again, for {@code AUTH_REJECTED}). */
    record Offline(DropReason reason) implements SessionStatus {
    }
}
