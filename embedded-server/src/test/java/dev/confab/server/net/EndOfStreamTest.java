package dev.confab.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.server.testing.RawWebSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.DefaultWebSocketServerFactory;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Clients that end their stream (many at once, as after a mass disconnect) are closed off the selector thread: the
 * library's loop, closing a connection itself, would end its turn on the cancelled key and poll every other
 * connection again before the next close.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EndOfStreamTest {
    private static final int CLIENTS = 100;

    private final HandshakeGuard guard = new HandshakeGuard(new DefaultWebSocketServerFactory(), Clock.systemUTC(),
            Duration.ofSeconds(10), 8192);
    private final List<RawWebSocket> sockets = new ArrayList<>();
    private final Map<WebSocket, String> closedOn = new ConcurrentHashMap<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final WebSocketServer server = new WebSocketServer(new InetSocketAddress("127.0.0.1", 0), 2) {
        @Override
        public void onOpen(WebSocket connection, ClientHandshake handshake) {
            connection.send("hello");
        }

        @Override
        public void onClose(WebSocket connection, int code, String reason, boolean remote) {
            closedOn.put(connection, Thread.currentThread().getName());
        }

        @Override
        public void onMessage(WebSocket connection, String message) {
        }

        @Override
        public void onError(WebSocket connection, Exception e) {
        }

        @Override
        public void onStart() {
            port.complete(getPort());
        }
    };

    @AfterEach
    void stop() throws Exception {
        for (RawWebSocket socket : sockets) {
            socket.close();
        }
        server.stop(1000);
    }

    @Test
    void connectionsWhoseClientsLeaveAtOnceAreAllClosedOffTheSelectorThread() throws Exception {
        server.setWebSocketFactory(guard);
        server.start();
        int listening = port.get(10, TimeUnit.SECONDS);
        for (int i = 0; i < CLIENTS; i++) {
            sockets.add(upgraded(listening));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.getConnections().size() == CLIENTS);

        for (RawWebSocket socket : sockets) {
            socket.close(); // the end of the stream, no close frame: a client that went away
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> closedOn.size() == CLIENTS);
        assertThat(closedOn.values()).noneMatch(thread -> thread.startsWith("WebSocketSelector"));
        assertThat(server.getConnections()).isEmpty();
    }

    @Test
    void aClientThatLeavesBeforeItsUpgradeIsForgotten() throws Exception {
        server.setWebSocketFactory(guard);
        server.start();
        int listening = port.get(10, TimeUnit.SECONDS);
        try (Socket socket = new Socket("127.0.0.1", listening)) {
            socket.getOutputStream().write("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            await().atMost(Duration.ofSeconds(10)).until(() -> guard.pendingCount() == 1);
        }
        // Closed, it is no longer "not yet connected": the next sweep forgets it.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            guard.sweep();
            assertThat(guard.pendingCount()).isZero();
        });
    }

    /** A plain socket, upgraded, its hello read. */
    private static RawWebSocket upgraded(int port) throws IOException {
        RawWebSocket socket = RawWebSocket.open(port, "/");
        assertThat(socket.nextText()).isEqualTo("hello");
        return socket;
    }
}
