package dev.confab.server;

import static dev.confab.server.testing.Frames.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.ServerFrame;
import dev.confab.protocol.Username;
import dev.confab.server.testing.TestClient;
import dev.confab.server.testing.TestServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.enums.Opcode;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.Framedata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LimitsTest {
    @TempDir
    Path dir;

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aFrameOverTheLimitClosesWith1009() {
        server = TestServer.start(dir);
        TestClient alice = server.guest("alice");
        alice.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(64 * 1024) + "\"}");
        assertThat(alice.awaitClose()).isEqualTo(1009);
    }

    @Test
    void aFragmentedMessageOverTheLimitClosesWith1009() {
        server = TestServer.start(dir);
        TestClient alice = server.guest("alice");
        byte[] chunk = new byte[30_000];
        java.util.Arrays.fill(chunk, (byte) 'x');
        try {
            // The library sends the first call as TEXT and the following ones as continuation frames. Each frame is
            // under the frame limit; the third takes the message over 64 KiB. Sending stops there, so that the
            // close frame is read before the socket could be reset by further writes.
            for (int i = 0; i < 3; i++) {
                alice.sendFragmentedFrame(Opcode.TEXT, ByteBuffer.wrap(chunk), false);
            }
        } catch (WebsocketNotConnectedException e) {
            // The server closed it part way through, which is the point.
        }
        assertThat(alice.awaitClose()).isEqualTo(1009);
    }

    @Test
    void theConnectionOverTheUserLimitClosesWith4429() {
        server = TestServer.start(dir, b -> b.maxConnectionsPerUser(2));
        String token = tokenOf("bob");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.server().connectionCount() == 0);
        server.connect("/ws?token=" + token, Map.of()).next(ServerFrame.Connected.class);
        server.connect("/ws?token=" + token, Map.of()).next(ServerFrame.Connected.class);
        TestClient third = server.connectWithoutWaiting("/ws?token=" + token);
        assertThat(third.awaitClose()).isEqualTo(4429);
    }

    @Test
    void aFloodGetsRateLimitedThenClosedWith4029() {
        server = TestServer.start(dir, b -> b.framesPerSecond(1).frameBurst(3).rateLimitStrikes(3));
        TestClient alice = server.guest("alice");
        for (int i = 0; i < 10; i++) {
            alice.send(new ClientFrame.Ping("p" + i));
        }
        alice.await(ServerFrame.ErrorFrame.class, e -> e.data().code() == ErrorCode.RATE_LIMITED);
        assertThat(alice.awaitClose()).isEqualTo(4029);
    }

    @Test
    void aHalfFinishedHandshakeIsCutAtTheDeadline() throws Exception {
        server = TestServer.start(dir, b -> b.handshakeTimeout(Duration.ofMillis(300)));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.server().port()));
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /ws HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(socket.getInputStream().read()).as("server closed the socket").isEqualTo(-1);
        }
    }

    @Test
    void anEndlessUpgradeRequestIsCutAfterTheByteLimitNotTheDeadline() throws Exception {
        server = TestServer.start(dir, b -> b.handshakeTimeout(Duration.ofMinutes(5)).maxHandshakeBytes(16 * 1024));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.server().port()));
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            byte[] header = ("X-Filler: " + "a".repeat(1000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            out.write("GET /ws HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            try {
                for (int i = 0; i < 64; i++) {
                    out.write(header);
                }
                assertThat(socket.getInputStream().read()).as("server closed the socket").isEqualTo(-1);
            } catch (java.net.SocketException reset) {
                // Closed while we were still writing: the connection was cut, as it should be.
            }
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS) // fills the kernel's socket buffers first: slow on a busy machine
    void aClientThatStopsReadingIsDroppedAndTheOthersCarryOn() throws Exception {
        server = TestServer.start(dir, b -> b.maxQueuedBytes(256 * 1024));
        String token = tokenOf("slow");
        TestClient alice = server.guestIn("alice", "general");
        try (Socket slow = new Socket()) {
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress("127.0.0.1", server.server().port()));
            OutputStream out = slow.getOutputStream();
            out.write(("GET /ws/general?token=" + token + " HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = slow.getInputStream();
            assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 101");
            assertThat(alice.await(ServerFrame.UserJoined.class).data().username()).isEqualTo("slow");
            // Alice reads her own echoes before sending more, so only the slow reader's output piles up. Batches
            // share a commit; three-byte characters make each message about 12 KB on the wire.
            String text = "\u20ac".repeat(3_900);
            int batch = 8;
            ServerFrame.UserLeft left = null;
            for (int round = 0; round < 500 && left == null; round++) {
                for (int i = 0; i < batch; i++) {
                    alice.send(send("general", text, null));
                }
                for (int echoes = 0; echoes < batch; ) {
                    ServerFrame frame = alice.next();
                    if (frame instanceof ServerFrame.UserLeft userLeft) {
                        left = userLeft;
                    } else {
                        echoes++;
                    }
                }
            }
            assertThat(left).as("the slow reader was dropped").isNotNull();
            assertThat(left.data().username()).isEqualTo("slow");
        }
        alice.send(new ClientFrame.Ping("still"));
        alice.await(ServerFrame.Pong.class);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aClientThatKeepsAskingWithoutReadingIsDropped() throws Exception {
        server = TestServer.start(dir, b -> b.maxQueuedBytes(16 * 1024));
        String token = tokenOf("greedy");
        TestClient alice = server.guestIn("alice", "general");
        for (int i = 0; i < 50; i++) {
            alice.send(send("general", "z".repeat(1000), null));
            alice.next(ServerFrame.Message.class);
        }
        try (Socket greedy = new Socket()) {
            greedy.setReceiveBufferSize(4096);
            greedy.connect(new InetSocketAddress("127.0.0.1", server.server().port()));
            OutputStream out = greedy.getOutputStream();
            out.write(("GET /ws/general?token=" + token + " HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(greedy.getInputStream().readNBytes(12), StandardCharsets.US_ASCII))
                    .isEqualTo("HTTP/1.1 101");
            assertThat(alice.await(ServerFrame.UserJoined.class).data().username()).isEqualTo("greedy");
            byte[] history = maskedText("{\"type\":\"history\",\"room\":\"general\"}");
            try {
                for (int i = 0; i < 1_000; i++) {
                    out.write(history);
                }
            } catch (java.net.SocketException cut) {
                // The server cut the connection while requests were still going out.
            }
            assertThat(alice.await(ServerFrame.UserLeft.class).data().username()).isEqualTo("greedy");
        }
    }

    /** A client-to-server text frame: FIN, masked (with a zero mask, which leaves the payload as it is). */
    private static byte[] maskedText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        assertThat(payload.length).isLessThan(126);
        byte[] frame = new byte[2 + 4 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(payload, 0, frame, 6, payload.length);
        return frame;
    }

    @Test
    void aClientThatNeverAnswersPingsIsDroppedWith4408() {
        server = TestServer.start(dir, b -> b.pingInterval(Duration.ofMillis(100))
                .heartbeatTimeout(Duration.ofMillis(600)));
        TestClient deaf = server.track(new TestClient(server.uri("/ws")) {
            @Override
            public void onWebsocketPing(WebSocket connection, Framedata frame) {
                // Never answers: looks dead to the server.
            }
        }).open();
        TestClient alive = server.connect();
        assertThat(deaf.awaitClose()).isEqualTo(4408);
        assertThat(alive.closedYet()).as("a client that answers pings stays").isFalse();
        // A client that never answers pings but pings the server itself is alive too.
        TestClient pinging = server.track(new TestClient(server.uri("/ws")) {
            @Override
            public void onWebsocketPing(WebSocket connection, Framedata frame) {
                // Never answers.
            }
        }).open();
        try (var pinger = java.util.concurrent.Executors.newSingleThreadScheduledExecutor()) {
            pinger.scheduleAtFixedRate(pinging::sendPing, 0, 100, TimeUnit.MILLISECONDS);
            // Twice the heartbeat timeout: its own pings must count as signs of life all along.
            await().during(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(5)).until(() -> !pinging.closedYet());
            pinger.shutdownNow();
        }
    }

    @Test
    void refusesUpgradesBeyondTheServerWideLimit() throws Exception {
        server = TestServer.start(dir, b -> b.maxConnections(2));
        server.connect();
        server.connect();
        TestClient third = server.track(new TestClient(server.uri("/ws")));
        assertThat(third.connectBlocking(TestClient.WAIT_SECONDS, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void joiningMoreRoomsThanAllowedIsForbidden() {
        server = TestServer.start(dir, b -> b.maxRoomsPerConnection(1));
        TestClient alice = server.guestIn("alice", "general");
        alice.send(new ClientFrame.JoinRoom("j2", dev.confab.protocol.RoomName.of("random"), null));
        assertThat(alice.nextError(ErrorCode.FORBIDDEN).replyTo()).isEqualTo("j2");
    }

    @Test
    void aBannedUserIsClosedWith4403WhetherSigningInOrComingBackWithAToken() {
        server = TestServer.start(dir);
        String token = tokenOf("eve");
        server.close();
        server = TestServer.start(dir, b -> b.banned(Set.of(Username.of("Eve"), Username.of("mallory"))));

        TestClient withToken = server.connectWithoutWaiting("/ws?token=" + token);
        assertThat(withToken.awaitClose()).isEqualTo(4403);
        TestClient guest = server.connect();
        guest.next(ServerFrame.Hello.class);
        guest.send(new ClientFrame.Login("in", new ClientFrame.Credentials("MALLORY", null)));
        assertThat(guest.awaitClose()).isEqualTo(4403);
        server.guest("bob");
    }

    private String tokenOf(String name) {
        TestClient client = server.connect();
        client.next(ServerFrame.Hello.class);
        client.send(new ClientFrame.Register("r", new ClientFrame.Credentials(name, "password-" + name)));
        String token = client.next(ServerFrame.Connected.class).data().token();
        client.close();
        return token;
    }
}
