package dev.confab.client.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.confab.client.net.DropReason;
import dev.confab.client.testing.TestFrames;
import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.Decoded;
import dev.confab.protocol.FrameCodec;
import dev.confab.protocol.RoomName;
import dev.confab.protocol.ServerFrame;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;

/**
 * Row F6: the app's session layer fed what a hostile server may send. A {@link ChatSession} over a fake
 * transport, signed in as alice in {@code general} with one message waiting in its outbox, gets the lines of one
 * input (at most {@value #MAX_FRAMES}) as the connection would hand them over: decoded by the client's codec, a
 * frame goes to {@code onFrame}, an undecodable one to {@code onUndecodable}; a line {@code ~N} is a drop instead
 * (reason N of {@link DropReason}).
 *
 * <p>What must hold: nothing throws; every frame the session sends is one the server's codec reads; every
 * timeline it shows has its stored lines in strictly increasing seq order, each once, before the pending ones; and
 * the waiting message is not lost: it stays in the outbox unless a message with its client id arrived, and once
 * the connection is back (hello, alice signed in, joined) it is sent again.
 *
 * <p>Regression mode replays {@code src/test/resources/dev/confab/client/session/ServerFramesFuzzTestInputs/
 * handleServerFrames/}; a fuzzing run: {@code JAZZER_FUZZ=1 ./mvnw -B -o -pl client-app -am test
 * -Dtest=ServerFramesFuzzTest -Dsurefire.failIfNoSpecifiedTests=false} (see docs/SECURITY.md, Fuzzing).
 */
class ServerFramesFuzzTest {
    private static final int MAX_FRAMES = 16;
    private static final RoomName GENERAL = RoomName.of("general");
    private static final FrameCodec CLIENT = FrameCodec.forClient();
    private static final FrameCodec SERVER = FrameCodec.create();
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor();

    @AfterAll
    static void stopTimers() {
        TIMERS.shutdownNow();
    }

    @FuzzTest(maxDuration = "2m")
    void handleServerFrames(byte[] input) {
        FakeTransport transport = new FakeTransport();
        MemoryOutbox outbox = new MemoryOutbox();
        List<SessionEvent> events = new CopyOnWriteArrayList<>();
        ChatSession session = ChatSession.create(transport, outbox, new NoTokens(), new NoMarks(), events::add,
                Clock.fixed(TestFrames.T0, ZoneOffset.UTC), SessionConfig.defaults(), TIMERS, "", List.of());
        signIn(session);
        String waiting = session.send(GENERAL, "written before the storm", null);

        boolean echoed = false;
        for (String line : lines(input)) {
            if (line.startsWith("~")) {
                session.onDropped(DropReason.values()[Math.floorMod(line.length(), DropReason.values().length)]);
                continue;
            }
            switch (CLIENT.decodeServer(line)) {
                case Decoded.Ok<ServerFrame> ok -> {
                    echoed |= ok.frame() instanceof ServerFrame.Message m && waiting.equals(m.data().clientId());
                    session.onFrame(ok.frame());
                }
                case Decoded.Failed<ServerFrame> failed -> session.onUndecodable(failed.error());
            }
        }

        if (!echoed) {
            assertThat(outbox.entries()).extracting(OutboxEntry::clientId).as("the waiting message").contains(waiting);
            int sentBefore = transport.sent.size();
            session.onDropped(DropReason.LOST);
            signIn(session);
            assertThat(transport.sent.subList(sentBefore, transport.sent.size()))
                    .filteredOn(ClientFrame.SendMessage.class::isInstance)
                    .map(frame -> ((ClientFrame.SendMessage) frame).data().clientId().value())
                    .as("sent again after the reconnect").contains(waiting);
        }
        for (ClientFrame frame : transport.sent) {
            assertThat(SERVER.decodeClient(CLIENT.encode(frame))).as("the server reads %s", frame)
                    .isInstanceOf(Decoded.Ok.class);
        }
        for (SessionEvent event : events) {
            if (event instanceof SessionEvent.TimelineChanged timeline) {
                checkTimeline(timeline);
            }
        }
    }

    private static void signIn(ChatSession session) {
        session.onFrame(TestFrames.hello(true, true));
        session.signIn(new AuthRequest.Guest("alice"));
        session.onFrame(TestFrames.connected("alice"));
        session.onFrame(TestFrames.joined("general", 0, "e1", false, "alice"));
    }

    private static void checkTimeline(SessionEvent.TimelineChanged timeline) {
        long lastSeq = 0;
        boolean pendingSeen = false;
        Set<String> keys = new HashSet<>();
        for (ChatLine line : timeline.lines()) {
            assertThat(line.room()).isEqualTo(timeline.room());
            assertThat(keys.add(line.key())).as("%s shown once in %s", line.key(), timeline).isTrue();
            if (line.pending()) {
                pendingSeen = true;
            } else {
                assertThat(pendingSeen).as("stored line after a pending one in %s", timeline).isFalse();
                assertThat(line.seq()).as("seq order in %s", timeline).isGreaterThan(lastSeq);
                lastSeq = line.seq();
            }
        }
    }

    private static List<String> lines(byte[] input) {
        List<String> lines = new ArrayList<>();
        for (String line : new String(input, StandardCharsets.UTF_8).split("\n", -1)) {
            if (lines.size() == MAX_FRAMES) {
                break;
            }
            lines.add(line);
        }
        return lines;
    }

    /** The outbox without a file: the fuzzer makes thousands of sessions a second. */
    private static final class MemoryOutbox implements Outbox {
        private final Map<String, OutboxEntry> entries = new ConcurrentHashMap<>();

        @Override
        public void add(OutboxEntry entry) {
            entries.put(entry.clientId(), entry);
        }

        @Override
        public void remove(String clientId) {
            entries.remove(clientId);
        }

        @Override
        public List<OutboxEntry> entries() {
            return List.copyOf(entries.values());
        }
    }

    private static final class NoMarks implements ReadMarks {
        @Override
        public Optional<Mark> find(String account, RoomName room) {
            return Optional.empty();
        }

        @Override
        public void save(String account, RoomName room, Mark mark) {
            // Not under test here.
        }

        @Override
        public void flush() {
            // Nothing held.
        }
    }

    private static final class NoTokens implements TokenSink {
        @Override
        public void store(String username, String token) {
            // Not under test here.
        }

        @Override
        public void forget() {
            // Not under test here.
        }
    }
}
