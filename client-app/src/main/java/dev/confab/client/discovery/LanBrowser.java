package dev.confab.client.discovery;

import java.util.List;
import java.util.function.Consumer;

/** Watches the local network for Confab servers. Calls back on its own threads. */
public interface LanBrowser extends AutoCloseable {
    /**
     * What the browser knows now.
     *
     * @param servers the servers heard and not withdrawn, sorted by name
     * @param settled true once the browser has listened long enough that an empty list means nothing is there
     * @param problem why the browser cannot listen at all (e.g. UDP 5353 unavailable); empty when it can
     */
    record Snapshot(List<FoundServer> servers, boolean settled, String problem) {
        public Snapshot {
            servers = List.copyOf(servers);
        }
    }

    /** Starts watching; {@code listener} gets a new snapshot whenever something changes. Call once. */
    void start(Consumer<Snapshot> listener);

    /** Stops watching and releases the network. */
    @Override
    void close();

    /** A browser that finds nothing and never settles (discovery turned off). */
    static LanBrowser none() {
        return new LanBrowser() {
            @Override
            public void start(Consumer<Snapshot> listener) {
                // Nothing to watch.
            }

            @Override
            public void close() {
                // Nothing to release.
            }
        };
    }
}
