package dev.confab.server.net;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.Handshakedata;

/**
 * The listener a server would be, for a server-side connection driven without a socket: a test decodes
 * {@link #UPGRADE} and then frames into it, and reads what the library handed up, and what it queued to write.
 */
final class SocketlessPeer extends WebSocketAdapter {
    /** A client's upgrade request, which such a connection accepts (it then queues the response). */
    static final byte[] UPGRADE = ("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    final List<Integer> messageSizes = new ArrayList<>();
    final List<Exception> errors = new ArrayList<>();
    final List<Integer> ownCloseCodes = new ArrayList<>();
    final AtomicInteger writeDemands = new AtomicInteger();

    @Override
    public void onWebsocketMessage(WebSocket conn, String message) {
        messageSizes.add(message.getBytes(StandardCharsets.UTF_8).length);
    }

    @Override
    public void onWebsocketMessage(WebSocket conn, ByteBuffer blob) {
        messageSizes.add(blob.remaining());
    }

    @Override
    public void onWebsocketOpen(WebSocket conn, Handshakedata handshake) {
        // Nothing to do: the tests read the ready state.
    }

    @Override
    public void onWebsocketClose(WebSocket conn, int code, String reason, boolean remote) {
        if (!remote) {
            ownCloseCodes.add(code);
        }
    }

    @Override
    public void onWebsocketClosing(WebSocket conn, int code, String reason, boolean remote) {
        if (!remote) {
            ownCloseCodes.add(code);
        }
    }

    @Override
    public void onWebsocketCloseInitiated(WebSocket conn, int code, String reason) {
        ownCloseCodes.add(code);
    }

    @Override
    public void onWebsocketError(WebSocket conn, Exception ex) {
        errors.add(ex);
    }

    @Override
    public void onWebsocketPing(WebSocket conn, Framedata frame) {
        // A pong would be queued for a socket that does not exist; what matters is that the ping decoded.
    }

    @Override
    public void onWriteDemand(WebSocket conn) {
        // No socket: what the library writes stays in its queue.
        writeDemands.incrementAndGet();
    }

    @Override
    public InetSocketAddress getLocalSocketAddress(WebSocket conn) {
        return new InetSocketAddress("127.0.0.1", 8080);
    }

    @Override
    public InetSocketAddress getRemoteSocketAddress(WebSocket conn) {
        return new InetSocketAddress("127.0.0.1", 40_000);
    }
}
