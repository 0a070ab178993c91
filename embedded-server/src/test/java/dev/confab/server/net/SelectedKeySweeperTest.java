package dev.confab.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.DefaultWebSocketServerFactory;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The library's selector loop over the server's own channel wrapper: connections that were written to and are idle
 * do not stay in the selected set (where every turn of the loop would walk them again).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SelectedKeySweeperTest {
    private static final int IDLE = SelectedKeySweeper.SWEEP_ABOVE + 20;

    private final HandshakeGuard guard = new HandshakeGuard(new DefaultWebSocketServerFactory(), Clock.systemUTC(),
            Duration.ofSeconds(10), 8192);
    private final List<Socket> sockets = new ArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final WebSocketServer server = new WebSocketServer(new InetSocketAddress("127.0.0.1", 0), 2) {
        @Override
        public void onOpen(WebSocket connection, ClientHandshake handshake) {
            connection.send("hello"); // as the chat server greets: a write after the upgrade response
        }

        @Override
        public void onClose(WebSocket connection, int code, String reason, boolean remote) {
        }

        @Override
        public void onMessage(WebSocket connection, String message) {
            connection.send(message);
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
        for (Socket socket : sockets) {
            socket.close();
        }
        server.stop(1000);
    }

    @Test
    void idleConnectionsThatWereWrittenToLeaveTheSelectedSetOnTheNextRead() throws Exception {
        server.setWebSocketFactory(guard);
        server.start();
        int listening = port.get(10, TimeUnit.SECONDS);
        for (int i = 0; i < IDLE; i++) {
            sockets.add(upgraded(listening));
        }

        // One frame read on one connection is a turn of the loop with a read: stale selections beyond the threshold
        // go with it (or went already, with the reads of later upgrades).
        Socket one = sockets.getFirst();
        one.getOutputStream().write(new byte[] {(byte) 0x81, (byte) 0x82, 1, 2, 3, 4, 'h' ^ 1, 'i' ^ 2});
        assertThat(new DataInputStream(one.getInputStream()).readNBytes(4))
                .containsExactly(0x81, 2, 'h', 'i');

        // Without the sweep every connection written to stays selected: IDLE keys, more than the threshold.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(guard.sweeper().selectedCount()).isLessThanOrEqualTo(SelectedKeySweeper.SWEEP_ABOVE));
        assertThat(guard.sweeper().sweeps()).isPositive();
    }

    /**
     * Java-WebSocket's {@code doWrite} sets a key's interest back to {@code OP_READ} after writing the queue it saw;
     * a frame queued by another thread in between waits with no write interest. Such a key, swept, gets its write
     * interest back; the others keep theirs as they were.
     */
    @Test
    void aSweptKeyWithOutputWaitingAndNoWriteInterestGetsItBack() throws Exception {
        int count = SelectedKeySweeper.SWEEP_ABOVE + 8;
        List<SocketChannel> channels = new ArrayList<>();
        List<SelectionKey> keys = new ArrayList<>();
        try (Selector selector = Selector.open(); ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            for (int i = 0; i < count; i++) {
                SocketChannel client = SocketChannel.open(listener.getLocalAddress());
                channels.add(client);
                SocketChannel accepted = listener.accept();
                channels.add(accepted);
                accepted.configureBlocking(false);
                keys.add(accepted.register(selector, SelectionKey.OP_READ, new WebSocketImpl(server,
                        new Draft_6455())));
                client.write(ByteBuffer.wrap(new byte[] {1})); // readable: selected, and left in the set
            }
            WebSocketImpl waiting = (WebSocketImpl) keys.getFirst().attachment();
            waiting.outQueue.add(ByteBuffer.wrap(new byte[] {(byte) 0x81, 0}));
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                selector.selectNow();
                return selector.selectedKeys().size() == count;
            });

            SelectedKeySweeper sweeper = new SelectedKeySweeper();
            sweeper.selector(selector);
            Object channel = new Object();
            assertThat(sweeper.wantsReadMore(channel)).isTrue();
            sweeper.readMore(channel);

            assertThat(selector.selectedKeys()).isEmpty();
            assertThat(keys.getFirst().interestOps()).isEqualTo(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            assertThat(keys.subList(1, count)).allSatisfy(key ->
                    assertThat(key.interestOps()).isEqualTo(SelectionKey.OP_READ));
            assertThat(sweeper.restored()).isEqualTo(1);
        } finally {
            for (SocketChannel c : channels) {
                c.close();
            }
        }
    }

    /** A plain socket, upgraded, its hello read: the server's last act on it was a write. */
    private static Socket upgraded(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        DataInputStream in = new DataInputStream(socket.getInputStream());
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
        assertThat(in.readNBytes(7)).containsExactly(0x81, 5, 'h', 'e', 'l', 'l', 'o');
        return socket;
    }
}
