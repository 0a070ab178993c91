package dev.confab.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.CloseCode;
import dev.confab.protocol.Decoded;
import dev.confab.protocol.FrameCodec;
import dev.confab.protocol.RoomName;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.net.RequestTarget;
import dev.confab.server.store.RoomInfo;
import dev.confab.server.store.StoredMessage;
import dev.confab.server.store.sqlite.SqliteMessageStore;
import dev.confab.server.testing.FakeConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the server's handling of frames: one session, fed the frames of one input (split at line feeds, at most
 * {@value #MAX_FRAMES}), half of the inputs after a guest sign-in so that room and message handlers are reached.
 * Whatever the frames, no handler may fail (that closes with 4500), every frame the server answers with must
 * decode on the client, the session must still answer a ping, and once closed it must leave nothing behind
 * (no session, no room member). After the run every room's seqs are gapless.
 *
 * <p>Regression mode replays {@code src/test/resources/dev/confab/server/session/FrameHandlingFuzzTestInputs/};
 * a fuzzing run: {@code JAZZER_FUZZ=1 ./mvnw -B -o -pl embedded-server -am test -Dtest=FrameHandlingFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false} (see docs/SECURITY.md, Fuzzing).
 */
class FrameHandlingFuzzTest {
    private static final int MAX_FRAMES = 12;
    private static final FrameCodec CLIENT = FrameCodec.forClient();
    private static final AtomicLong GUESTS = new AtomicLong();

    private static ServiceOverSqlite service;
    private static SqliteMessageStore store;
    private static ChatService chat;

    @BeforeAll
    static void startService() throws IOException {
        service = ServiceOverSqlite.start("confab-fuzz");
        store = service.store;
        chat = service.chat;
    }

    @AfterAll
    static void checkStateAndStop() throws IOException {
        try {
            for (RoomInfo room : store.rooms()) {
                long last = store.lastSeq(room.room());
                assertThat(store.since(room.room(), 0, Integer.MAX_VALUE)).extracting(StoredMessage::seq)
                        .as("seqs of %s", room.room())
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
            }
        } finally {
            service.close();
        }
    }

    @FuzzTest(maxDuration = "3m")
    void handleFrames(byte[] input) {
        FakeConnection connection = FakeConnection.create();
        boolean signIn = input.length > 0 && (input[0] & 1) == 1;
        Session session = chat.opened(connection.socket(), new RequestTarget(signIn ? RoomName.of("fuzz") : null,
                null));
        if (signIn) {
            chat.text(session, CLIENT.encode(new ClientFrame.Login("in", new ClientFrame.Credentials(
                    "fuzzer" + GUESTS.incrementAndGet(), null))));
        }
        try {
            for (String frame : frames(input)) {
                chat.text(session, frame);
            }
            // Frames are handled in order: once the last one is answered (pong, or auth_required before a sign-in),
            // every earlier one has been handled.
            chat.text(session, CLIENT.encode(new ClientFrame.Ping("end")));
            soon().until(() -> connection.closeCode() != 0 || answered(connection));
            assertThat(connection.closeCode()).as("closed for an internal error")
                    .isNotEqualTo(CloseCode.INTERNAL_ERROR.code());
            for (String text : connection.sent()) {
                assertThat(CLIENT.decodeServer(text)).as("the client reads %s", text)
                        .isInstanceOf(Decoded.Ok.class);
            }
        } finally {
            chat.closed(session, CloseCode.GOING_AWAY.code());
        }
        soon().until(() -> chat.connectionCount() == 0);
        assertThat(chat.memberCount()).as("members left behind").isZero();
    }

    /** Polls at once and often: the fuzzer runs this many times a second. */
    private static org.awaitility.core.ConditionFactory soon() {
        return await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1));
    }

    private static boolean answered(FakeConnection connection) {
        return connection.sent().stream().anyMatch(text -> switch (CLIENT.decodeServer(text)) {
            case Decoded.Ok<ServerFrame> ok -> switch (ok.frame()) {
                case ServerFrame.Pong pong -> "end".equals(pong.replyTo());
                case ServerFrame.ErrorFrame error -> "end".equals(error.replyTo());
                default -> false;
            };
            case Decoded.Failed<ServerFrame> failed -> false;
        });
    }

    private static List<String> frames(byte[] input) {
        // The first byte chose whether to sign in; the rest are the frames.
        String text = input.length == 0 ? "" : new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
        List<String> frames = new ArrayList<>();
        int start = 0;
        while (start <= text.length() && frames.size() < MAX_FRAMES) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            frames.add(text.substring(start, end));
            start = end + 1;
        }
        return frames;
    }
}
