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
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;
import org.java_websocket.enums.ReadyState;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.server.DefaultWebSocketServerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Java-WebSocket has no handshake deadline: a client that sends half an upgrade request keeps its socket (and
 * may feed headers forever). This factory notes when each connection was accepted, and {@link #sweep()} cuts
 * those still not upgraded after the deadline.
 */
final class HandshakeGuard implements WebSocketServerFactory {
    private static final Logger LOG = LoggerFactory.getLogger(HandshakeGuard.class);

    private final DefaultWebSocketServerFactory delegate = new DefaultWebSocketServerFactory();
    private final Map<WebSocketImpl, Long> pending = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long deadlineMillis;

    HandshakeGuard(Clock clock, Duration deadline) {
        this.clock = clock;
        this.deadlineMillis = deadline.toMillis();
    }

    @Override
    public WebSocketImpl createWebSocket(WebSocketAdapter adapter, Draft draft) {
        return track(delegate.createWebSocket(adapter, draft));
    }

    @Override
    public WebSocketImpl createWebSocket(WebSocketAdapter adapter, List<Draft> drafts) {
        return track(delegate.createWebSocket(adapter, drafts));
    }

    @Override
    public ByteChannel wrapChannel(SocketChannel channel, SelectionKey key) throws IOException {
        return delegate.wrapChannel(channel, key);
    }

    @Override
    public void close() {
        delegate.close();
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
