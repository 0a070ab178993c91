package dev.confab.client.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.client.net.Backoff;
import dev.confab.client.net.ConnectionConfig;
import dev.confab.client.testing.WebSocketRelay;
import dev.confab.protocol.Decoded;
import dev.confab.protocol.FrameCodec;
import dev.confab.protocol.RoomName;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.ConfabServer;
import dev.confab.server.RunningServer;
import dev.confab.server.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * R6, a partition between one client and the server, through the app's real session and connection: a relay in
 * front of a real server stops passing anything both ways but keeps both sockets open (no FIN, no RST), so each
 * end can only learn of it from its own heartbeat. Meanwhile another client, connected directly, keeps writing.
 *
 * <p>The rule scales with the heartbeats, so they are short here (client 2 s, server ping 1 s and timeout 2 s)
 * and the partition lasts only until both ends have given up, instead of the target's 60 s at a 15 s heartbeat.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PartitionTest {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionTest.class);
    private static final RoomName GENERAL = RoomName.of("general");
    private static final Duration CLIENT_HEARTBEAT = Duration.ofSeconds(2);
    private static final Duration SERVER_PING = Duration.ofSeconds(1);
    private static final Duration SERVER_TIMEOUT = Duration.ofSeconds(2);
    private static final int BEFORE = 5;
    private static final int DURING = 20;
    private static final int ATTEMPTS_IN_PARTITION = 3;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void bothEndsNoticeABlackholeWithinTheirHeartbeatsAndTheClientCatchesUpOnceWithoutGapsOrDuplicates() {
        List<Long> delivered = new CopyOnWriteArrayList<>();
        FrameCodec codec = FrameCodec.forClient();
        ConnectionConfig aliceConfig = new ConnectionConfig(new Backoff(Duration.ofMillis(500), Duration.ofSeconds(4)),
                Duration.ofSeconds(5), CLIENT_HEARTBEAT);
        try (RunningServer server = ConfabServer.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .dataDir(dir.resolve("server")).pingInterval(SERVER_PING).heartbeatTimeout(SERVER_TIMEOUT)
                .housekeepingInterval(Duration.ofMillis(50)).build());
             WebSocketRelay relay = WebSocketRelay.to(server.port());
             LiveSession bob = LiveSession.guest("bob", server.port(), ConnectionConfig.defaults(),
                     dir.resolve("bob"))) {
            // Every message frame that reaches alice, on any of her connections: each seq must come exactly once.
            relay.dropServerText(text -> {
                if (codec.decodeServer(text) instanceof Decoded.Ok<ServerFrame> ok
                        && ok.frame() instanceof ServerFrame.Message m) {
                    delivered.add(m.data().seq());
                }
                return false;
            });
            try (LiveSession alice = LiveSession.guest("alice", relay.port(), aliceConfig, dir.resolve("alice"))) {
                await().atMost(WAIT).until(() -> joined(alice) && joined(bob));
                send(bob, 0, BEFORE);
                await().atMost(WAIT).until(() -> alice.timeline(GENERAL).size() == BEFORE);
                // Alice's and bob's, one each: a sign-in before the hello waits for it rather than opening another.
                await().atMost(WAIT).until(() -> server.connectionCount() == 2);

                Instant partitioned = Instant.now();
                relay.blackhole();
                send(bob, BEFORE, DURING);
                Duration clientBound = CLIENT_HEARTBEAT.multipliedBy(5).dividedBy(2);
                Duration serverBound = SERVER_TIMEOUT.multipliedBy(5).dividedBy(2);
                await().atMost(clientBound.plusSeconds(5)).until(() -> droppedAfter(alice, partitioned).isPresent());
                await().atMost(serverBound.plusSeconds(5)).until(() -> server.connectionCount() == 1);
                Duration serverNoticed = Duration.between(partitioned, Instant.now());
                Duration clientNoticed = Duration.between(partitioned, droppedAfter(alice, partitioned).orElseThrow());
                assertThat(clientNoticed).as("client noticed the partition (heartbeat %s)", CLIENT_HEARTBEAT)
                        .isLessThanOrEqualTo(clientBound);
                assertThat(serverNoticed).as("server dropped the dead connection (timeout %s)", SERVER_TIMEOUT)
                        .isLessThanOrEqualTo(serverBound);
                assertThat(alice.timeline(GENERAL)).as("alice's timeline during the partition").hasSize(BEFORE);
                await().atMost(WAIT).until(() -> bob.outbox().entries().isEmpty());
                // A few attempts while the path is still down (refused: the relay does not listen meanwhile), so the
                // reconnect goes through the backoff, not just the first try.
                await().atMost(WAIT).until(() -> reconnectWaits(alice, partitioned).size() >= ATTEMPTS_IN_PARTITION);

                Instant healed = Instant.now();
                int signedInBefore = alice.signedIn();
                relay.restore();
                await().atMost(WAIT).until(() -> alice.signedIn() > signedInBefore
                        && alice.timeline(GENERAL).size() == BEFORE + DURING);
                Duration caughtUp = Duration.between(healed, Instant.now());

                List<ChatLine> lines = alice.timeline(GENERAL);
                assertThat(lines).extracting(ChatLine::seq)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, BEFORE + DURING).boxed().toList());
                assertThat(lines).extracting(ChatLine::content).containsExactlyElementsOf(
                        LongStream.range(0, BEFORE + DURING).mapToObj(i -> "bob " + i).toList());
                assertThat(delivered).as("seqs of the message frames that reached alice")
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, BEFORE + DURING).boxed().toList());
                List<Duration> waits = reconnectWaits(alice, partitioned);
                LOG.info("R6: client noticed after {} ms (bound {} ms), server dropped the connection after {} ms "
                        + "(bound {} ms); {} reconnect attempts were scheduled, waits {}; caught up {} ms after "
                        + "the path was back", clientNoticed.toMillis(), clientBound.toMillis(),
                        serverNoticed.toMillis(), serverBound.toMillis(), waits.size(),
                        waits.stream().map(Duration::toMillis).toList(), caughtUp.toMillis());
            }
        }
    }

    private static void send(LiveSession live, int from, int count) {
        for (int i = from; i < from + count; i++) {
            live.session().send(GENERAL, "bob " + i, null);
        }
    }

    private static boolean joined(LiveSession live) {
        List<LiveSession.Status> statuses = live.statuses();
        return !statuses.isEmpty() && statuses.getLast().status() instanceof SessionStatus.Online
                && live.shown(GENERAL);
    }

    /** When the client first reported the connection gone (and a retry scheduled) after {@code since}. */
    private static Optional<Instant> droppedAfter(LiveSession live, Instant since) {
        return live.statuses().stream()
                .filter(s -> s.status() instanceof SessionStatus.Reconnecting && s.at().isAfter(since))
                .map(LiveSession.Status::at).findFirst();
    }

    /** The backoff the client chose before each attempt after {@code since}. */
    private static List<Duration> reconnectWaits(LiveSession live, Instant since) {
        return live.statuses().stream()
                .filter(s -> s.status() instanceof SessionStatus.Reconnecting && s.at().isAfter(since))
                .map(s -> Duration.between(s.at(), ((SessionStatus.Reconnecting) s.status()).at())).toList();
    }
}
