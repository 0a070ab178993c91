package dev.confab.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ClientId;
import dev.confab.protocol.Decoded;
import dev.confab.protocol.FrameCodec;
import dev.confab.protocol.MessageContent;
import dev.confab.protocol.RoomName;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.net.RequestTarget;
import dev.confab.server.store.NewMessage;
import dev.confab.server.store.sqlite.SqliteMessageStore;
import dev.confab.server.testing.FakeConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Row F3: history requests with hostile cursors and limits, through the server's own handling (codec, dispatcher,
 * {@code MessageHandler.history}, the SQLite page query). The room {@code hist} holds seqs 1..{@value #STORED};
 * a signed-in member asks for its history with the {@code id}, {@code room}, {@code data.before} and
 * {@code data.limit} of one input (its lines, in that order, pasted into the JSON as they are, so the fuzzer
 * reaches huge and negative numbers, strings, objects and broken JSON; an empty line leaves the field out).
 *
 * <p>What must hold: the answer is exactly what the server's decoder of the same text implies. A frame that does
 * not decode gets an error with the decoder's code; a history request for another room gets an error; one for
 * {@code hist} gets exactly the seqs an oracle computes from {@code before} and the limit (default 50, at most
 * 200), oldest first, with {@code has_more} right. Never a 4500, never an undecodable answer, and the session
 * keeps serving.
 *
 * <p>Regression mode replays {@code src/test/resources/dev/confab/server/session/HistoryFuzzTestInputs/
 * askHistory/}; a fuzzing run: {@code JAZZER_FUZZ=1 ./mvnw -B -o -pl embedded-server -am test
 * -Dtest=HistoryFuzzTest -Dsurefire.failIfNoSpecifiedTests=false} (see docs/SECURITY.md, Fuzzing).
 */
class HistoryFuzzTest {
    private static final int STORED = 230;
    private static final RoomName ROOM = RoomName.of("hist");
    private static final FrameCodec CLIENT = FrameCodec.forClient();
    private static final FrameCodec SERVER = FrameCodec.create();
    private static final AtomicLong RUNS = new AtomicLong();

    private static ServiceOverSqlite service;
    private static SqliteMessageStore store;
    private static ChatService chat;
    private static FakeConnection connection;
    private static Session session;

    @BeforeAll
    static void startService() throws IOException {
        service = ServiceOverSqlite.start("confab-history-fuzz");
        store = service.store;
        chat = service.chat;
        Clock clock = service.clock;
        CompletableFuture.allOf(IntStream.rangeClosed(1, STORED).mapToObj(i -> store.append(new NewMessage(ROOM,
                "u1", "writer", ClientId.of("c" + i), MessageContent.of("message " + i), null, null,
                clock.instant()))).toArray(CompletableFuture[]::new)).join();
        assertThat(store.lastSeq(ROOM)).isEqualTo(STORED);
        signIn();
    }

    /** A guest joined to {@code hist}: the member every input asks as. */
    private static void signIn() {
        connection = FakeConnection.create();
        session = chat.opened(connection.socket(), new RequestTarget(ROOM, null));
        chat.text(session, CLIENT.encode(new ClientFrame.Login("in", new ClientFrame.Credentials(
                "historian", null))));
        soon().until(() -> connection.sent().stream()
                .anyMatch(text -> decoded(text) instanceof ServerFrame.JoinedRoom));
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            chat.closed(session, 1000);
            assertThat(store.since(ROOM, 0, Integer.MAX_VALUE)).extracting(m -> m.seq())
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, STORED).boxed().toList());
        } finally {
            service.close();
        }
    }

    @FuzzTest(maxDuration = "2m")
    void askHistory(byte[] input) {
        String text = request(new String(input, StandardCharsets.UTF_8));
        String end = "end-" + RUNS.incrementAndGet();
        int before = connection.sent().size();
        chat.text(session, text);
        chat.text(session, CLIENT.encode(new ClientFrame.Ping(end)));
        soon().until(() -> connection.closeCode() != 0 || connection.sent().stream().skip(before)
                .anyMatch(t -> decoded(t) instanceof ServerFrame.Pong pong && end.equals(pong.replyTo())));
        assertThat(connection.closeCode()).as("closed after %s", text).isZero();
        List<ServerFrame> answers = new ArrayList<>();
        for (String sent : connection.sent().subList(before, connection.sent().size())) {
            ServerFrame frame = decoded(sent);
            assertThat(frame).as("the client reads %s", sent).isNotNull();
            if (!(frame instanceof ServerFrame.Pong)) {
                answers.add(frame);
            }
        }
        switch (SERVER.decodeClient(text)) {
            case Decoded.Failed<ClientFrame> failed -> assertThat(answers).as("answer to %s", text).singleElement()
                    .isInstanceOfSatisfying(ServerFrame.ErrorFrame.class, error ->
                            assertThat(error.data().code()).isEqualTo(failed.error().code()));
            case Decoded.Ok<ClientFrame> ok when ok.frame() instanceof ClientFrame.History asked -> {
                if (!asked.room().equals(ROOM)) {
                    assertThat(answers).as("answer to %s", text).singleElement()
                            .isInstanceOfSatisfying(ServerFrame.ErrorFrame.class, error ->
                                    assertThat(error.replyTo()).isEqualTo(asked.id()));
                } else {
                    assertThat(answers).as("answer to %s", text).singleElement()
                            .isInstanceOfSatisfying(ServerFrame.History.class, page -> checkPage(asked, page));
                }
            }
            case Decoded.Ok<ClientFrame> ok -> assertThat(answers).as("a %s from %s", ok.frame(), text).hasSize(1);
        }
    }

    private static void checkPage(ClientFrame.History asked, ServerFrame.History page) {
        int limit = asked.query().limitOrDefault();
        assertThat(limit).isBetween(1, ClientFrame.MAX_HISTORY_LIMIT);
        Long cursor = asked.query().before();
        long newest = cursor == null ? STORED : Math.min(cursor - 1, STORED);
        long oldest = Math.max(1, newest - limit + 1);
        assertThat(page.room()).isEqualTo(ROOM);
        assertThat(page.replyTo()).isEqualTo(asked.id());
        assertThat(page.data().messages()).extracting(m -> m.data().seq()).as("seqs for %s", asked)
                .containsExactlyElementsOf(LongStream.rangeClosed(oldest, newest).boxed().toList());
        assertThat(page.data().hasMore()).as("has_more for %s", asked).isEqualTo(oldest > 1);
    }

    /** The history request of the input's lines: id, room, before, limit; raw JSON, an empty line omits one. */
    private static String request(String input) {
        String[] lines = input.split("\n", -1);
        StringBuilder data = new StringBuilder();
        field(data, "before", lines.length > 2 ? lines[2] : null);
        field(data, "limit", lines.length > 3 ? lines[3] : null);
        StringBuilder json = new StringBuilder("{\"type\":\"history\"");
        field(json, "id", lines[0]);
        field(json, "room", lines.length > 1 ? lines[1] : "\"hist\"");
        if (!data.isEmpty()) {
            json.append(",\"data\":{").append(data.substring(1)).append('}');
        }
        return json.append('}').toString();
    }

    private static void field(StringBuilder json, String name, @Nullable String raw) {
        if (raw != null && !raw.isEmpty()) {
            json.append(",\"").append(name).append("\":").append(raw);
        }
    }

    private static @Nullable ServerFrame decoded(String text) {
        return CLIENT.decodeServer(text) instanceof Decoded.Ok<ServerFrame> ok ? ok.frame() : null;
    }

    private static org.awaitility.core.ConditionFactory soon() {
        return await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1));
    }
}
