package dev.confab.client.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.protocol.FrameCodec;
import dev.confab.protocol.ProtocolError;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.ConfabServer;
import dev.confab.server.RunningServer;
import dev.confab.server.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer that accepts the connection and then says nothing must not hold an attempt for ever: the connect timeout
 * covers the whole way to the server's first frame, and the attempt is then given up as unreachable and retried.
 */
@Timeout(30)
class SilentPeerTest {
    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(300);
    private static final ConnectionConfig CONFIG = new ConnectionConfig(
            new Backoff(Duration.ofMillis(50), Duration.ofMillis(100)), CONNECT_TIMEOUT, Duration.ofSeconds(5));
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void aPeerThatAcceptsTcpButNeverAnswersTheUpgradeIsGivenUpOnAndRetried() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            AtomicInteger endedByClient = new AtomicInteger();
            Thread acceptor = Thread.ofPlatform().daemon()
                    .start(() -> acceptAndListen(silent, accepted, endedByClient));
            Events events = new Events();
            ChatConnection connection = connect(silent.getLocalPort(), events);
            try {
                await().atMost(WAIT).until(() -> events.connecting.get() >= 2);
                assertThat(events.drops).first().isEqualTo(DropReason.UNREACHABLE);
                assertThat(events.opened.getCount()).as("the upgrade never completed").isEqualTo(1);
                // The first attempt's socket was really closed, not left open behind a new attempt.
                await().atMost(WAIT).until(() -> endedByClient.get() >= 1);
            } finally {
                connection.close();
                acceptor.interrupt();
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aWebSocketPeerThatNeverSaysHelloIsGivenUpOnAndRetried() throws Exception {
        CountDownLatch peerSawClose = new CountDownLatch(1);
        WebSocketServer mute = new WebSocketServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)) {
            @Override
            public void onOpen(WebSocket conn, ClientHandshake handshake) {
                // Upgrades, and then stays silent.
            }

            @Override
            public void onClose(WebSocket conn, int code, String reason, boolean remote) {
                peerSawClose.countDown();
            }

            @Override
            public void onMessage(WebSocket conn, String message) {
            }

            @Override
            public void onError(WebSocket conn, Exception e) {
            }

            @Override
            public void onStart() {
            }
        };
        mute.setReuseAddr(true);
        mute.start();
        try {
            await().atMost(WAIT).until(() -> mute.getPort() > 0);
            Events events = new Events();
            ChatConnection connection = connect(mute.getPort(), events);
            try {
                assertThat(events.opened.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("upgraded").isTrue();
                await().atMost(WAIT).until(() -> events.connecting.get() >= 2);
                assertThat(events.drops).first().isEqualTo(DropReason.UNREACHABLE);
                assertThat(peerSawClose.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            } finally {
                connection.close();
            }
        } finally {
            mute.stop(1000);
        }
    }

    @Test
    void aServerThatSaysHelloInTimeIsKept(@TempDir Path data) throws Exception {
        try (RunningServer server = ConfabServer.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .dataDir(data).build())) {
            Events events = new Events();
            ChatConnection connection = connect(server.port(), events);
            try {
                await().atMost(WAIT).until(() -> !events.frames.isEmpty());
                assertThat(events.frames.getFirst()).isInstanceOf(ServerFrame.Hello.class);
                // Well past the deadline the connection is still the first and only one.
                assertThat(events.dropped.await(CONNECT_TIMEOUT.toMillis() * 3, TimeUnit.MILLISECONDS)).isFalse();
                assertThat(events.connecting.get()).isEqualTo(1);
            } finally {
                connection.close();
            }
        }
    }

    private static ChatConnection connect(int port, Events events) {
        ChatConnection connection = ChatConnection.create(ServerAddress.of("127.0.0.1", port), CONFIG,
                FrameCodec.forClient(), Clock.systemUTC(), new Random(7), made -> {
                    events.connection = made;
                    return events;
                }).connection;
        connection.autoReconnect(true);
        connection.connectNow();
        return connection;
    }

    /** Accepts connections, keeps them open and reads until the client closes them. */
    private static void acceptAndListen(ServerSocket server, List<Socket> accepted, AtomicInteger endedByClient) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.add(socket);
                Thread.ofPlatform().daemon().start(() -> {
                    try (InputStream in = socket.getInputStream()) {
                        while (in.read() >= 0) {
                            // The upgrade request: read and never answered.
                        }
                        endedByClient.incrementAndGet();
                    } catch (IOException closed) {
                        endedByClient.incrementAndGet(); // a reset from the client ends it too
                    }
                });
            } catch (IOException closedByTest) {
                return;
            }
        }
    }

    /** What the connection reports, in order. */
    private static final class Events implements ConnectionListener {
        final AtomicInteger connecting = new AtomicInteger();
        final List<DropReason> drops = new CopyOnWriteArrayList<>();
        final List<ServerFrame> frames = new CopyOnWriteArrayList<>();
        final CountDownLatch opened = new CountDownLatch(1);
        final CountDownLatch dropped = new CountDownLatch(1);
        volatile ChatConnection connection;

        @Override
        public void onOpen() {
            opened.countDown();
        }

        @Override
        public void onFrame(ServerFrame frame) {
            frames.add(frame);
        }

        @Override
        public void onUndecodable(ProtocolError error) {
        }

        @Override
        public void onDropped(DropReason reason) {
            drops.add(reason);
            dropped.countDown();
        }

        @Override
        public void onRetryScheduled(Instant at, int attempt) {
        }

        @Override
        public void onConnecting(int attempt) {
            connecting.incrementAndGet();
        }
    }
}
