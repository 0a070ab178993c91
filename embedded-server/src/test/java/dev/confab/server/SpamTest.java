package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.FrameCodec;
import dev.confab.protocol.RoomName;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.testing.LogCapture;
import dev.confab.server.testing.RawWebSocket;
import dev.confab.server.testing.TestClient;
import dev.confab.server.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Bad inputs 28 and 29: typing spam and join/leave spam are rate limited; toggling leaves presence right. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SpamTest {
    private static final RoomName GENERAL = RoomName.of("general");

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
    void aThousandTypingFramesAreRateLimitedThenClosedAndTheOthersSeeOnlyTheAllowedOnes() throws Exception {
        // The standalone defaults: 20 frames a second, bursts of 40, 20 strikes.
        server = TestServer.start(dir, b -> b.framesPerSecond(ServerConfigBuilder.FRAMES_PER_SECOND)
                .frameBurst(ServerConfigBuilder.FRAME_BURST).rateLimitStrikes(ServerConfigBuilder.RATE_LIMIT_STRIKES));
        TestClient bob = server.guestIn("bob", "general");
        long start;
        RawWebSocket.UpToClose answers;
        try (RawWebSocket spammer = rawGuest("spammer")) {
            joinGeneral(spammer, "j");
            bob.next(ServerFrame.UserJoined.class);
            start = System.nanoTime();
            // One write: the server has the whole flood at once, and has read all of it when it closes, so the
            // close is a close frame (4029), not a reset of a socket with unread input.
            spammer.write(repeated(new ClientFrame.Typing(null, GENERAL), 1_000));
            answers = spammer.textsUpToClose();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(answers.closeCode()).isEqualTo(4029);
        assertThat(answers.texts()).anyMatch(text -> text.contains("\"rate_limited\""));

        List<ServerFrame> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            seen.addAll(bob.unread());
            return seen.stream().anyMatch(f -> f instanceof ServerFrame.UserLeft left
                    && left.data().username().equals("spammer"));
        });
        long typing = seen.stream().filter(f -> f instanceof ServerFrame.Typing).count();
        assertThat(typing).as("typing frames relayed in %.1f s", seconds)
                .isLessThanOrEqualTo(ServerConfigBuilder.FRAME_BURST
                        + (long) Math.ceil(seconds * ServerConfigBuilder.FRAMES_PER_SECOND) + 1);
        bob.send(new ClientFrame.Ping("p"));
        bob.await(ServerFrame.Pong.class);
    }

    @Test
    void joinLeaveTogglingAtTheGeneralFrameRateLeavesPresenceRight() {
        // Frames are not limited here (TestServer's 10,000 a second) and neither are joins: only presence is tested.
        server = TestServer.start(dir);
        TestClient bob = server.guestIn("bob", "general");
        TestClient alice = server.guest("alice");
        for (int i = 0; i < 250; i++) {
            alice.send(new ClientFrame.JoinRoom(null, GENERAL, null));
            alice.send(new ClientFrame.LeaveRoom(null, GENERAL));
        }
        alice.send(new ClientFrame.JoinRoom("last", GENERAL, null));
        alice.await(ServerFrame.JoinedRoom.class, j -> "last".equals(j.replyTo()));

        // Bob saw alice come and go in strict alternation, ending present.
        List<String> presence = presenceOfAlice(bob, 501);
        assertAlternates(presence);
        assertThat(server.server().memberCount()).isEqualTo(2);
        alice.send(new ClientFrame.LeaveRoom("out", GENERAL));
        alice.await(ServerFrame.LeftRoom.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.server().memberCount() == 1);
    }

    @Test
    void joinLeaveSpamIsRateLimitedThenClosedWith4029AndPresenceEndsRight() throws Exception {
        // The standalone defaults for joins and leaves (2 a second, bursts of 40, 20 strikes); the general frame
        // rate stays generous, so that only the join limit can refuse these frames.
        server = TestServer.start(dir, b -> b.joinsPerSecond(ServerConfigBuilder.JOINS_PER_SECOND)
                .joinBurst(ServerConfigBuilder.JOIN_BURST).rateLimitStrikes(ServerConfigBuilder.RATE_LIMIT_STRIKES));
        TestClient bob = server.guestIn("bob", "general");
        long start;
        RawWebSocket.UpToClose answers;
        try (LogCapture log = LogCapture.start(); RawWebSocket alice = rawGuest("alice")) {
            start = System.nanoTime();
            ByteArrayOutputStream toggles = new ByteArrayOutputStream();
            for (int i = 0; i < 250; i++) {
                toggles.writeBytes(frame(new ClientFrame.JoinRoom("j" + i, GENERAL, null)));
                toggles.writeBytes(frame(new ClientFrame.LeaveRoom("l" + i, GENERAL)));
            }
            alice.write(toggles.toByteArray());
            answers = alice.textsUpToClose();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.server().memberCount() == 1);
            assertThat(log.lines("kept joining and leaving rooms")).as("one log line for the abuser").hasSize(1);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(answers.closeCode()).isEqualTo(4029);
        List<ServerFrame.ErrorFrame> limited = answers.texts().stream().map(SpamTest::decode)
                .filter(f -> f instanceof ServerFrame.ErrorFrame e && e.data().code() == ErrorCode.RATE_LIMITED)
                .map(ServerFrame.ErrorFrame.class::cast).toList();
        assertThat(limited).as("rate_limited answers").hasSizeBetween(1, ServerConfigBuilder.RATE_LIMIT_STRIKES + 2)
                .allSatisfy(e -> {
                    assertThat(e.room()).isEqualTo(GENERAL);
                    assertThat(e.replyTo()).as("the refused frame").matches("[jl]\\d+");
                });

        // Bob saw at most the allowed joins and leaves, alternating, and alice gone in the end.
        List<String> presence = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            presence.addAll(presenceOf(bob));
            return !presence.isEmpty() && presence.get(presence.size() - 1).equals("left");
        });
        assertThat(bob.quietFor(200)).as("nothing after alice left").isTrue();
        assertAlternates(presence);
        long allowed = ServerConfigBuilder.JOIN_BURST
                + (long) Math.ceil(seconds * ServerConfigBuilder.JOINS_PER_SECOND);
        assertThat((long) presence.size()).as("presence events in %.1f s", seconds).isLessThanOrEqualTo(allowed + 1);
        assertThat(server.server().connectionCount()).as("bob only").isEqualTo(1);
        bob.send(new ClientFrame.Ping("p"));
        bob.await(ServerFrame.Pong.class);
    }

    /** Bad input 31: what a flooder sends after its close began gets no answer and no log line of its own. */
    @Test
    void framesAfterTheCloseBeganAreIgnoredWithOneLogLinePerAbuser() throws Exception {
        int burst = 3;
        int strikes = 3;
        int flood = 500;
        try (LogCapture log = LogCapture.start()) {
            server = TestServer.start(dir, b -> b.framesPerSecond(1).frameBurst(burst).rateLimitStrikes(strikes));
            List<RawWebSocket.UpToClose> abusers = new ArrayList<>();
            for (String name : List.of("flooder1", "flooder2")) {
                try (RawWebSocket raw = rawGuest(name)) {
                    // The whole flood in one write: all but the first few frames arrive after the close began.
                    raw.write(repeated(new ClientFrame.Ping("p"), flood));
                    abusers.add(raw.textsUpToClose());
                }
            }
            server.close();
            for (RawWebSocket.UpToClose answers : abusers) {
                assertThat(answers.closeCode()).isEqualTo(4029);
                // The burst's pings may still be waiting for their turn when the close begins; then they go
                // unanswered too, so none at all is as right as a few.
                assertThat(answers.texts().stream().filter(t -> t.contains("\"type\":\"pong\"")))
                        .as("pongs for %d pings", flood).hasSizeLessThanOrEqualTo(burst + 1);
                assertThat(answers.texts().stream().filter(t -> t.contains("\"rate_limited\"")))
                        .as("rate_limited answers").hasSizeBetween(1, strikes + 2);
                assertThat(answers.texts()).as("nothing else").hasSizeLessThanOrEqualTo(burst + strikes + 3);
            }
            assertThat(log.lines("kept sending after being rate limited")).as("one line per abuser").hasSize(2)
                    .anyMatch(line -> line.contains("flooder1")).anyMatch(line -> line.contains("flooder2"));
            assertThat(log.lines("flooder")).as("every line about the flooders").hasSizeLessThanOrEqualTo(2 * 3);
        }
    }

    /** A guest signed in over a raw socket, which writes whatever it is told, however the server answers. */
    private RawWebSocket rawGuest(String name) throws java.io.IOException {
        RawWebSocket raw = RawWebSocket.open(server);
        raw.write(frame(new ClientFrame.Login("in", new ClientFrame.Credentials(name, null))));
        assertThat(raw.nextText()).contains("\"type\":\"connected\"");
        return raw;
    }

    private static void joinGeneral(RawWebSocket raw, String id) throws java.io.IOException {
        raw.write(frame(new ClientFrame.JoinRoom(id, GENERAL, null)));
        assertThat(raw.nextText()).contains("\"type\":\"joined_room\"");
    }

    private static byte[] repeated(ClientFrame frame, int times) {
        byte[] one = frame(frame);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < times; i++) {
            all.writeBytes(one);
        }
        return all.toByteArray();
    }

    private static ServerFrame decode(String text) {
        return switch (FrameCodec.forClient().decodeServer(text)) {
            case dev.confab.protocol.Decoded.Ok<ServerFrame> ok -> ok.frame();
            case dev.confab.protocol.Decoded.Failed<ServerFrame> failed -> throw new AssertionError(text);
        };
    }

    private static byte[] frame(ClientFrame frame) {
        return RawWebSocket.maskedTextFrame(json(frame));
    }

    private static byte[] json(ClientFrame frame) {
        return FrameCodec.forClient().encode(frame).getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> presenceOfAlice(TestClient bob, int count) {
        List<String> presence = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            presence.addAll(presenceOf(bob));
            return presence.size() == count;
        });
        return presence;
    }

    /** The joins and leaves of alice among the frames bob has not read yet. */
    private static List<String> presenceOf(TestClient bob) {
        List<String> presence = new ArrayList<>();
        for (ServerFrame frame : bob.unread()) {
            switch (frame) {
                case ServerFrame.UserJoined joined when "alice".equals(joined.data().username()) ->
                        presence.add("joined");
                case ServerFrame.UserLeft left when "alice".equals(left.data().username()) -> presence.add("left");
                default -> {
                }
            }
        }
        return presence;
    }

    private static void assertAlternates(List<String> presence) {
        for (int i = 0; i < presence.size(); i++) {
            assertThat(presence.get(i)).as("event %d of %s", i, presence).isEqualTo(i % 2 == 0 ? "joined" : "left");
        }
    }
}
