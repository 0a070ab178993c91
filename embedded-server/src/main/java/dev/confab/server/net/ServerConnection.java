package dev.confab.server.net;

import java.nio.ByteBuffer;
import java.util.List;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketListener;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.Framedata;

/**
 * The library's connection, with a cheaper way to queue one frame. Java-WebSocket 1.6.0 builds the text of a trace
 * message for every buffer it queues, whether tracing is on or not: {@code new String(buf.array())}, a UTF-8
 * decode of the buffer's whole backing array, per frame and per recipient. For a broadcast to a room of 1,000
 * that is 1,000 decodes and strings per message (5.4 % of the server's CPU in S1 at 200,000 deliveries/s, perf,
 * 2026-12-03). Here a single frame goes into the queue the way the library's {@code write} puts it there, without
 * that string: the draft frames it (and {@link BoundedDraft} meters it), the queue takes the buffer, and the server
 * is told that the connection has something to write.
 *
 * <p>The library holds a private lock while it queues the buffers of one send, so that two sends' buffers never
 * interleave; a single buffer, queued at once, needs no such lock.
 */
final class ServerConnection extends WebSocketImpl {

    ServerConnection(WebSocketListener listener, List<Draft> drafts) {
        super(listener, drafts);
    }

    ServerConnection(WebSocketListener listener, Draft draft) {
        super(listener, draft);
    }

    @Override
    public void send(String text) {
        if (text == null) {
            throw new IllegalArgumentException("Cannot send 'null' data to a WebSocketImpl.");
        }
        sendFrame(SharedTextFrame.of(text));
    }

    @Override
    public void sendFrame(Framedata frame) {
        if (!isOpen()) {
            throw new WebsocketNotConnectedException();
        }
        ByteBuffer bytes = getDraft().createBinaryFrame(frame);
        outQueue.add(bytes);
        getWebSocketListener().onWriteDemand(this);
    }
}
