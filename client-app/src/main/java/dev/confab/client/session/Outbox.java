package dev.confab.client.session;

import java.util.List;

/** Messages written but not yet acknowledged. Durable: an entry survives a crash once {@link #add} returns. */
public interface Outbox {
    /**
     * Records an entry; when this returns it is safely stored.
     *
     * @throws java.io.UncheckedIOException when it cannot be stored; then the outbox does not hold it
     */
    void add(OutboxEntry entry);

    /** Forgets an entry whose echo arrived; unknown ids are ignored. */
    void remove(String clientId);

    /** Every entry, oldest first. */
    List<OutboxEntry> entries();
}
