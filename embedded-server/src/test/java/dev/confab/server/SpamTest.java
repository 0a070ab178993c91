package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.RoomName;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.testing.TestClient;
import dev.confab.server.testing.TestServer;
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
    void aThousandTypingFramesAreRateLimitedThenClosedAndTheOthersSeeOnlyTheAllowedOnes() {
        // The standalone defaults: 20 frames a second, bursts of 40, 20 strikes.
        server = TestServer.start(dir, b -> b.framesPerSecond(ServerConfigBuilder.FRAMES_PER_SECOND)
                .frameBurst(ServerConfigBuilder.FRAME_BURST).rateLimitStrikes(ServerConfigBuilder.RATE_LIMIT_STRIKES));
        TestClient bob = server.guestIn("bob", "general");
        TestClient spammer = server.guestIn("spammer", "general");
        bob.next(ServerFrame.UserJoined.class);
        long start = System.nanoTime();
        try {
            for (int i = 0; i < 1_000 && !spammer.closedYet(); i++) {
                spammer.send(new ClientFrame.Typing(null, GENERAL));
            }
        } catch (org.java_websocket.exceptions.WebsocketNotConnectedException closed) {
            // Closed while it was still sending: the point.
        }
        spammer.await(ServerFrame.ErrorFrame.class, e -> e.data().code() == ErrorCode.RATE_LIMITED);
        // 4029, or a reset when the server closed the socket while the flood was still coming in (LimitsTest
        // shows the 4029 of a short flood); either way the server dropped it, as bob sees below.
        assertThat(spammer.awaitClose()).isIn(4029, 1006);
        double seconds = (System.nanoTime() - start) / 1e9;

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
    void joinLeaveSpamIsRateLimitedThenClosedWith4029AndPresenceEndsRight() {
        // The standalone defaults for joins and leaves (2 a second, bursts of 40, 20 strikes); the general frame
        // rate stays generous, so that only the join limit can refuse these frames.
        server = TestServer.start(dir, b -> b.joinsPerSecond(ServerConfigBuilder.JOINS_PER_SECOND)
                .joinBurst(ServerConfigBuilder.JOIN_BURST).rateLimitStrikes(ServerConfigBuilder.RATE_LIMIT_STRIKES));
        TestClient bob = server.guestIn("bob", "general");
        TestClient alice = server.guest("alice");
        long start = System.nanoTime();
        try {
            for (int i = 0; i < 250 && !alice.closedYet(); i++) {
                alice.send(new ClientFrame.JoinRoom("j" + i, GENERAL, null));
                alice.send(new ClientFrame.LeaveRoom("l" + i, GENERAL));
            }
        } catch (org.java_websocket.exceptions.WebsocketNotConnectedException closed) {
            // Closed while it was still sending: the point.
        }
        ServerFrame.ErrorFrame limited = alice.await(ServerFrame.ErrorFrame.class,
                e -> e.data().code() == ErrorCode.RATE_LIMITED);
        assertThat(limited.room()).isEqualTo(GENERAL);
        assertThat(limited.replyTo()).as("the refused frame").matches("[jl]\\d+");
        assertThat(alice.awaitClose()).isEqualTo(4029);
        double seconds = (System.nanoTime() - start) / 1e9;

        // Bob saw at most the allowed joins and leaves, alternating, and alice gone in the end.
        List<String> presence = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            presence.addAll(presenceOf(bob));
            return server.server().memberCount() == 1 && !presence.isEmpty()
                    && presence.get(presence.size() - 1).equals("left");
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
