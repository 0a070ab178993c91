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

    /**
     * Like {@link #start(String, Path, int)}; with {@code tls}, the server speaks {@code wss://} with a self-signed
     * certificate it makes on first start and keeps in {@code dataDir}.
     */
    default Hosted start(String roomName, Path dataDir, int preferredPort, boolean tls) {
        if (tls) {
            throw new UnsupportedOperationException("this host cannot serve TLS");
        }
        return start(roomName, dataDir, preferredPort);
    }

    /** A running server; closing it stops it. */
    interface Hosted extends AutoCloseable {
        int port();

        /** The SHA-256 fingerprint of its TLS certificate; empty for plain {@code ws://}. */
        default java.util.Optional<String> certificateFingerprint() {
            return java.util.Optional.empty();
        }

        @Override
        void close();
    }
}
