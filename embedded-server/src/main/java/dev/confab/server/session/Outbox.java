package dev.confab.server.session;

import dev.confab.protocol.CloseCode;
import dev.confab.server.net.OutputMeter;
import dev.confab.server.net.SharedTextFrame;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.java_websocket.WebSocket;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's output, bounded. Java-WebSocket queues without limit ({@code WebSocketImpl.outQueue}), so a
 * client that stops reading would grow the heap: room events (pushes) are refused once the unsent bytes reach
 * the bound, and the connection is cut at once ({@code closeConnection}, not a close frame queued behind the
 * backlog). Answers to the client's own requests may pass the bound, up to {@value #REQUEST_BACKLOG_FACTOR}
 * times it. The unsent bytes are read from the connection's {@link OutputMeter}: one volatile read per frame,
 * whatever the backlog.
 */
final class Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    /** Unread answers a client may have before a further request drops it, as a multiple of the bound. */
    private static final int REQUEST_BACKLOG_FACTOR = 8;

    private final long sessionId;
    private final WebSocket connection;
    private final OutputMeter output;
    private final int maxQueuedBytes;
    private final Executor closer;
    private final AtomicBoolean cut = new AtomicBoolean();

    Outbox(long sessionId, WebSocket connection, int maxQueuedBytes, Executor closer) {
        this.sessionId = sessionId;
        this.connection = connection;
        this.output = OutputMeter.of(connection);
        this.maxQueuedBytes = maxQueuedBytes;
        this.closer = closer;
    }

    /** Sends an answer, unless the client has not been reading its answers (then it is cut instead). */
    void answer(String json) {
        if (requestsWithoutReading()) {
            return;
        }
        try {
            connection.send(json);
        } catch (WebsocketNotConnectedException e) {
            // The client is gone; nothing to answer.
        }
    }

    /** Sends a room event, or cuts the connection when its unsent output has reached the bound. */
    void push(SharedTextFrame frame) {
        long queued = output.queuedBytes();
        if (queued >= maxQueuedBytes) {
            if (cut.compareAndSet(false, true)) {
                LOG.info("Connection #{} stopped reading (at least {} bytes unsent); dropping it", sessionId, queued);
                cutNow(CloseCode.SLOW_CONSUMER, "slow consumer: output not read");
            }
            return;
        }
        try {
            connection.sendFrame(frame);
        } catch (WebsocketNotConnectedException e) {
            // Closed meanwhile.
        }
    }

    /** True (and the connection is being cut) when the client keeps asking while it reads none of its answers. */
    boolean requestsWithoutReading() {
        long limit = (long) maxQueuedBytes * REQUEST_BACKLOG_FACTOR;
        if (output.queuedBytes() < limit) {
            return false;
        }
        if (cut.compareAndSet(false, true)) {
            LOG.info("Connection #{} keeps asking without reading its answers; dropping it", sessionId);
            cutNow(CloseCode.SLOW_CONSUMER, "slow consumer: answers not read");
        }
        return true;
    }

    /**
     * Closes at once without waiting behind queued output. Runs on another thread, so that callers holding a
     * room's lock never re-enter the close callback.
     */
    void cutNow(CloseCode code, String reason) {
        closer.execute(() -> connection.closeConnection(code.code(), reason));
    }
}
