package dev.confab.server.net;

import java.io.IOException;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;
import org.java_websocket.enums.ReadyState;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Java-WebSocket has no handshake deadline and no bound on the upgrade request: a client that sends half a request
 * keeps its socket, and one that feeds header lines forever costs quadratic CPU. This factory notes when each
 * connection was accepted, so that {@link #sweep()} cuts those still not upgraded after the deadline, and wraps
 * each socket so that reading more than the bound before the upgrade ends the connection.
 */
final class HandshakeGuard implements WebSocketServerFactory {
    private static final Logger LOG = LoggerFactory.getLogger(HandshakeGuard.class);

    private final WebSocketServerFactory delegate;
    private final Map<WebSocketImpl, Long> pending = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long deadlineMillis;
    private final int maxHandshakeBytes;
    private final SelectedKeySweeper sweeper = new SelectedKeySweeper();
    /** Closes connections whose client ended the stream, off the selector thread (see HandshakeLimitedChannel). */
    private final ExecutorService endOfStream =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("confab-eof-", 0).factory());

    /**
     * @param delegate the library's factory that wraps sockets: plain, or one that adds TLS. Connections are made
     *                 here ({@link ServerConnection}); the library's factories make plain ones, TLS or not.
     */
    HandshakeGuard(WebSocketServerFactory delegate, Clock clock, Duration deadline, int maxHandshakeBytes) {
        this.delegate = delegate;
        this.clock = clock;
        this.deadlineMillis = deadline.toMillis();
        this.maxHandshakeBytes = maxHandshakeBytes;
    }

    @Override
    public WebSocketImpl createWebSocket(WebSocketAdapter adapter, Draft draft) {
        return track(new ServerConnection(adapter, draft));
    }

    @Override
    public WebSocketImpl createWebSocket(WebSocketAdapter adapter, List<Draft> drafts) {
        return track(new ServerConnection(adapter, drafts));
    }

    @Override
    public ByteChannel wrapChannel(SocketChannel channel, SelectionKey key) throws IOException {
        // The server registers each new socket with its connection as the key's attachment.
        // Called on the selector thread, like every use of the sweeper.
        sweeper.selector(key.selector());
        ByteChannel wrapped = delegate.wrapChannel(channel, key);
        return key.attachment() instanceof WebSocket connection
                ? new HandshakeLimitedChannel(channel, wrapped, connection, sweeper, maxHandshakeBytes, key,
                        endOfStream)
                : wrapped;
    }

    @Override
    public void close() {
        // Closes already handed over still run; a later end of stream is closed by the library itself.
        endOfStream.shutdown();
        delegate.close();
    }

    /** The sweeper of the server's selected keys; for tests. */
    SelectedKeySweeper sweeper() {
        return sweeper;
    }

    /** Connections accepted but not yet upgraded. */
    int pendingCount() {
        return pending.size();
    }

    /** Forgets upgraded or closed connections and cuts the ones past the deadline. */
    void sweep() {
        long now = clock.millis();
        pending.forEach((connection, acceptedAt) -> {
            if (connection.getReadyState() != ReadyState.NOT_YET_CONNECTED) {
                pending.remove(connection);
            } else if (now - acceptedAt > deadlineMillis) {
                pending.remove(connection);
                LOG.info("Cutting a connection from {}: no WebSocket upgrade within {} ms",
                        connection.getRemoteSocketAddress(), deadlineMillis);
                connection.closeConnection(CloseFrame.POLICY_VALIDATION, "handshake timeout");
            }
        });
    }

    private WebSocketImpl track(WebSocketImpl connection) {
        pending.put(connection, clock.millis());
        return connection;
    }
}
