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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * R4, ack loss, through the app's real session and connection: a relay in front of a real server swallows a seeded
 * 30 % of the acks of the sender's own messages (the {@code message} frame answering its {@code send_message},
 * which carries {@code reply_to = send-<client id>}; docs/PROTOCOL.md), on a connection that stays up.
 *
 * <p>What the client does, and so what is tested: it keeps every message whose ack did not come in its outbox,
 * shown as pending, and does not send it again on the same connection (there is no "retry after T"; over TCP a
 * frame is lost only with its connection). When the connection drops and comes back, it re-joins with
 * {@code since} and sends every pending message again with its original client id; the server answers each with
 * the stored message. The relay keeps dropping 30 % of those answers too, so this repeats until none is pending.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AckLossTest {
    private static final Logger LOG = LoggerFactory.getLogger(AckLossTest.class);
    private static final RoomName GENERAL = RoomName.of("general");
    private static final int MESSAGES = 200;
    private static final int DROP_PERCENT = 30;
    private static final long SEED = 4L;
    /** 0.3^20: a message still unanswered after this many reconnects is a failure, not bad luck. */
    private static final int MAX_ROUNDS = 20;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** One {@code message} frame with the sender's client id on its way to the sender. */
    private record Answer(long seq, boolean ack, boolean dropped) {
    }

    @Test
    void everyMessageIsStoredOnceAndEveryAnswerToARetryCarriesTheOriginalSeq() throws Exception {
        Path data = dir.resolve("server");
        Map<String, List<Answer>> answers = new ConcurrentHashMap<>();
        Random random = new Random(SEED);
        FrameCodec codec = FrameCodec.forClient();
        ConnectionConfig quick = new ConnectionConfig(new Backoff(Duration.ofMillis(300), Duration.ofSeconds(1)),
                Duration.ofSeconds(5), Duration.ofSeconds(20));
        try (RunningServer server = ConfabServer.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .dataDir(data).framesPerSecond(100_000).frameBurst(100_000).build());
             WebSocketRelay relay = WebSocketRelay.to(server.port())) {
            relay.dropServerText(text -> {
                if (codec.decodeServer(text) instanceof Decoded.Ok<ServerFrame> ok
                        && ok.frame() instanceof ServerFrame.Message m && m.data().clientId() != null) {
                    boolean ack = m.replyTo() != null && m.replyTo().startsWith("send-");
                    boolean drop = ack && random.nextInt(100) < DROP_PERCENT;
                    answers.computeIfAbsent(m.data().clientId(), id -> new CopyOnWriteArrayList<>())
                            .add(new Answer(m.data().seq(), ack, drop));
                    return drop;
                }
                return false;
            });
            try (LiveSession alice = LiveSession.guest("alice", relay.port(), quick, dir.resolve("alice"))) {
                await().atMost(WAIT).until(() -> alice.signedIn() == 1 && online(alice));
                Set<String> sent = new HashSet<>();
                for (int i = 0; i < MESSAGES; i++) {
                    sent.add(alice.session().send(GENERAL, "message " + i, null));
                }

                await().atMost(WAIT).until(() -> answers.keySet().containsAll(sent));
                Set<String> firstLost = unanswered(answers, sent);
                Set<String> unanswered = firstLost;
                assertThat(unanswered.size()).as("acks dropped of %d (seed %d)", MESSAGES, SEED)
                        .isBetween(MESSAGES * DROP_PERCENT / 200, MESSAGES * DROP_PERCENT * 2 / 100);
                // On the live connection nothing goes again: the unacknowledged ones wait, shown as pending.
                await().atMost(WAIT).untilAsserted(() -> assertThat(pending(alice)).isEqualTo(firstLost));
                assertThat(alice.outbox().entries()).hasSize(unanswered.size());
                int firstDropped = unanswered.size();
                LOG.info("R4: {} of {} acks dropped on the live connection", firstDropped, MESSAGES);

                int rounds = 0;
                while (!unanswered.isEmpty()) {
                    rounds++;
                    assertThat(rounds).as("reconnects needed, %d still pending", unanswered.size())
                            .isLessThanOrEqualTo(MAX_ROUNDS);
                    Set<String> waiting = Set.copyOf(unanswered);
                    Map<String, Integer> heard = counts(answers, waiting);
                    int signedInBefore = alice.signedIn();
                    // The connection drops (as it would have to, for a frame to be lost over TCP) and comes back.
                    relay.restore();
                    await().atMost(WAIT).until(() -> alice.signedIn() > signedInBefore
                            && waiting.stream().allMatch(id -> answers.get(id).size() > heard.get(id)));
                    unanswered = unanswered(answers, sent);
                    Set<String> expected = unanswered;
                    await().atMost(WAIT).untilAsserted(() -> assertThat(pending(alice)).isEqualTo(expected));
                }

                Map<String, Long> stored = stored(data);
                assertThat(stored).as("rows stored per client id").hasSize(MESSAGES).containsOnlyKeys(sent);
                assertThat(stored.values()).as("seqs in general")
                        .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, MESSAGES).boxed().toList());
                int retried = 0;
                for (String id : sent) {
                    List<Answer> all = answers.get(id);
                    assertThat(all).as("seq of every answer for %s", id).extracting(Answer::seq)
                            .containsOnly(stored.get(id));
                    retried += all.size() > 1 ? 1 : 0;
                }
                // Exactly those whose first ack was lost: a message the client saw acknowledged is not sent again.
                assertThat(retried).as("messages answered more than once").isEqualTo(firstDropped);
                await().atMost(WAIT).untilAsserted(() -> {
                    List<ChatLine> lines = alice.timeline(GENERAL);
                    assertThat(lines).hasSize(MESSAGES).allSatisfy(line -> {
                        assertThat(line.delivery()).isEqualTo(Delivery.SENT);
                        assertThat(line.own()).isTrue();
                        assertThat(line.seq()).isEqualTo(stored.get(line.clientId()));
                    });
                });
                assertThat(alice.outbox().entries()).isEmpty();
                LOG.info("R4: {} messages stored once each after {} reconnects; {} answered more than once, every "
                        + "answer with its original seq", MESSAGES, rounds, retried);
            }
        }
    }

    /** Signed in and {@code general} joined (its first timeline shown). */
    private static boolean online(LiveSession live) {
        List<LiveSession.Status> statuses = live.statuses();
        return !statuses.isEmpty() && statuses.getLast().status() instanceof SessionStatus.Online
                && live.shown(GENERAL);
    }

    /** Sent messages none of whose answers reached the client. */
    private static Set<String> unanswered(Map<String, List<Answer>> answers, Set<String> sent) {
        return sent.stream().filter(id -> answers.getOrDefault(id, List.of()).stream().allMatch(Answer::dropped))
                .collect(Collectors.toSet());
    }

    private static Map<String, Integer> counts(Map<String, List<Answer>> answers, Set<String> ids) {
        Map<String, Integer> counts = new HashMap<>();
        ids.forEach(id -> counts.put(id, answers.get(id).size()));
        return counts;
    }

    private static Set<String> pending(LiveSession live) {
        return live.timeline(GENERAL).stream().filter(ChatLine::pending).map(ChatLine::clientId)
                .collect(Collectors.toSet());
    }

    private static Map<String, Long> stored(Path data) throws Exception {
        Map<String, Long> seqs = new HashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("confab.db"));
             PreparedStatement query = db.prepareStatement("SELECT client_id, seq FROM messages WHERE room = ?")) {
            query.setString(1, GENERAL.value());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    assertThat(seqs.put(rows.getString(1), rows.getLong(2))).as("a second row for %s",
                            rows.getString(1)).isNull();
                }
            }
        }
        return seqs;
    }
}
