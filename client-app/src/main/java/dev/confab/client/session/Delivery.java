package dev.confab.client.session;

/** Where one of our own messages stands. */
public enum Delivery {
    /** Written to the outbox, not yet stored by the server. */
    PENDING,
    /** Stored by the server (its echo arrived). Everyone else's messages are always in this state. */
    SENT,
    /** The server refused it; the user may retry. It stays in the outbox until then. */
    FAILED
}
