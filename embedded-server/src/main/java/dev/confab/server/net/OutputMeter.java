package dev.confab.server.net;

import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.WebSocket;

/**
 * Bytes handed to one connection's output queue and not yet written to its socket. Java-WebSocket's queue only
 * knows how many buffers it holds; adding up their sizes means walking it under its locks, against the selector
 * thread that drains it. This meter is counted where bytes enter ({@link BoundedDraft} frames them) and where
 * they leave ({@link HandshakeLimitedChannel} writes them), so reading it is one volatile read.
 */
public final class OutputMeter {
    private static final OutputMeter NONE = new OutputMeter();

    private final AtomicLong queued = new AtomicLong();

    OutputMeter() {
    }

    /** The meter of a connection served by this package's server; a meter that stays at 0 for any other. */
    public static OutputMeter of(WebSocket connection) {
        return connection.getDraft() instanceof BoundedDraft draft ? draft.meter() : NONE;
    }

    /** Bytes queued and not yet taken by the socket. */
    public long queuedBytes() {
        // Written bytes may be counted an instant before the handshake's queued ones are visible.
        return Math.max(0, queued.get());
    }

    void queued(long bytes) {
        if (this != NONE) {
            queued.addAndGet(bytes);
        }
    }

    void written(long bytes) {
        if (this != NONE) {
            queued.addAndGet(-bytes);
        }
    }
}
