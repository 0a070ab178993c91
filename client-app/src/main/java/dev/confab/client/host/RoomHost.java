package dev.confab.client.host;

import java.nio.file.Path;

/** Starts the server that hosts a room on this computer. */
public interface RoomHost {
    /**
     * Starts a server on {@code preferredPort}, or the next free port after it, keeping its data in {@code dataDir}.
     *
     * @throws java.io.UncheckedIOException when no port could be bound or the data cannot be opened
     */
    Hosted start(String roomName, Path dataDir, int preferredPort);

    /** A running server; closing it stops it. */
    interface Hosted extends AutoCloseable {
        int port();

        @Override
        void close();
    }
}
