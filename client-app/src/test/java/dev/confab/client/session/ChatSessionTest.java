package dev.confab.client.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.net.DropReason;
import dev.confab.client.settings.ReadPositions;
import dev.confab.client.testing.TestFrames;
import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.RoomName;
import dev.confab.protocol.ServerFrame;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class ChatSessionTest {
    private static final RoomName GENERAL = RoomName.of("general");

    @TempDir
    Path dir;
    private final FakeTransport transport = new FakeTransport();
    private final List<SessionEvent> events = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final Clock clock = Clock.fixed(TestFrames.T0, ZoneOffset.UTC);
    private final TokenSinkSpy tokens = new TokenSinkSpy();
    private FileOutbox outbox;
    private ChatSession session;

    @BeforeEach
    void open() {
        outbox = FileOutbox.open(dir.resolve("outbox.properties"));
        session = newSession("");
    }

    @AfterEach
    void close() {
        timers.shutdownNow();
    }

    private ChatSession newSession(String knownUser) {
        return ChatSession.create(transport, outbox, tokens, marks(), events::add, clock, SessionConfig.defaults(),
                timers, knownUser, List.of());
    }

    private ReadMarks marks() {
        return ReadPositions.open(dir.resolve("read-positions.properties"), timers, Duration.ZERO).forServer("test");
    }

    private void signInAsAlice() {
        session.onFrame(TestFrames.hello(true, true));
        session.signIn(new AuthRequest.Guest("alice"));
        session.onFrame(TestFrames.connected("alice"));
        session.onFrame(TestFrames.joined("general", 0, "e1", false, "alice"));
    }

    @Test
    void aSignInWhileAnAttemptAwaitsItsHelloWaitsForThatHelloInsteadOfConnectingAgain() {
        session.start();
        session.onConnecting(0);
        session.signIn(new AuthRequest.Guest("alice"));
        assertThat(transport.connects).as("the start's attempt only").isEqualTo(1);
        assertThat(transport.sent).isEmpty();

        session.onFrame(TestFrames.hello(true, false));
        assertThat(transport.sentOf(ClientFrame.Login.class)).singleElement()
                .satisfies(login -> assertThat(login.guest()).isTrue());
        assertThat(transport.connects).isEqualTo(1);
    }

    @Test
    void aSignInAfterTheAttemptDroppedConnectsAgain() {
        session.start();
        session.onConnecting(0);
        session.onDropped(DropReason.UNREACHABLE);

        session.signIn(new AuthRequest.Guest("alice"));

        assertThat(transport.connects).isEqualTo(2);
    }

    @Test
    void signsInJoinsGeneralAndStoresTheToken() {
        session.onFrame(TestFrames.hello(true, false));
        assertThat(events).anyMatch(e -> e instanceof SessionEvent.SignInNeeded);
        session.signIn(new AuthRequest.Guest("alice"));
        assertThat(transport.sentOf(ClientFrame.Login.class)).singleElement()
                .satisfies(login -> assertThat(login.guest()).isTrue());
        session.onFrame(TestFrames.connected("alice"));
        assertThat(tokens.stored).isEqualTo("alice=token-of-alice");
        assertThat(transport.token).isEqualTo("token-of-alice");
        assertThat(transport.autoReconnect).isTrue();
        assertThat(transport.sentOf(ClientFrame.JoinRoom.class)).singleElement()
                .satisfies(join -> assertThat(join.room()).isEqualTo(GENERAL));
    }

    @Test
    void wrongPasswordIsReportedAndTheConnectionStaysForAnotherTry() {
        session.onFrame(TestFrames.hello(false, true));
        session.signIn(new AuthRequest.SignIn("alice", "nope"));
        session.onFrame(new ServerFrame.ErrorFrame(null, "auth", TestFrames.T0,
                new ServerFrame.Problem(ErrorCode.AUTH_FAILED, "wrong")));
        assertThat(events).contains(new SessionEvent.SignInNeeded(TestFrames.hello(false, true).data(),
                ErrorCode.AUTH_FAILED));
        session.signIn(new AuthRequest.SignIn("alice", "right"));
        assertThat(transport.sentOf(ClientFrame.Login.class)).hasSize(2);
    }

    @Test
    void dedupsMessagesBySeqAndReplacesThePendingLineWhenItsEchoArrives() {
        signInAsAlice();
        String clientId = session.send(GENERAL, "hello", null);
        assertThat(lastTimeline().lines()).singleElement()
                .satisfies(line -> assertThat(line.delivery()).isEqualTo(Delivery.PENDING));
        assertThat(outbox.entries()).hasSize(1);

        ServerFrame.Message echo = TestFrames.message("general", 1, "alice", "hello", clientId);
        session.onFrame(echo);
        session.onFrame(echo);
        assertThat(lastTimeline().lines()).singleElement().satisfies(line -> {
            assertThat(line.seq()).isEqualTo(1);
            assertThat(line.delivery()).isEqualTo(Delivery.SENT);
            assertThat(line.own()).isTrue();
        });
        assertThat(outbox.entries()).isEmpty();
    }

    @Test
    void messagesWrittenOfflineGoOutOnRejoinWithTheSameClientIdAndOnlyOnce() {
        signInAsAlice();
        session.onFrame(TestFrames.message("general", 7, "bob", "hi", null));
        session.onDropped(DropReason.LOST);
        transport.open = false;
        String clientId = session.send(GENERAL, "written offline", null);
        assertThat(transport.sentOf(ClientFrame.SendMessage.class)).isEmpty();

        transport.open = true;
        session.onFrame(TestFrames.connected("alice"));
        assertThat(transport.sentOf(ClientFrame.JoinRoom.class).getLast().since()).isEqualTo(7L);
        session.onFrame(TestFrames.message("general", 8, "bob", "missed while away", null));
        session.onFrame(TestFrames.joined("general", 8, "e1", false, "alice", "bob"));
        assertThat(transport.sentOf(ClientFrame.SendMessage.class)).singleElement().satisfies(send -> {
            assertThat(send.data().clientId().value()).isEqualTo(clientId);
            assertThat(send.id()).isEqualTo("send-" + clientId);
        });
        session.onFrame(TestFrames.message("general", 9, "alice", "written offline", clientId));
        // A second reconnect must not send it again: the echo took it out of the outbox.
        session.onDropped(DropReason.LOST);
        session.onFrame(TestFrames.connected("alice"));
        session.onFrame(TestFrames.joined("general", 9, "e1", false, "alice", "bob"));
        assertThat(transport.sentOf(ClientFrame.SendMessage.class)).hasSize(1);
        assertThat(lastTimeline().lines()).extracting(ChatLine::seq).containsExactly(7L, 8L, 9L);
    }

    @Test
    void theOutboxSurvivesARestartAndIsSentAfterSignIn() {
        signInAsAlice();
        session.onDropped(DropReason.LOST);
        transport.open = false;
        String clientId = session.send(GENERAL, "before the crash", null);

        FakeTransport secondTransport = new FakeTransport();
        List<SessionEvent> secondEvents = new CopyOnWriteArrayList<>();
        ChatSession restarted = ChatSession.create(secondTransport,
                FileOutbox.open(dir.resolve("outbox.properties")), tokens, marks(), secondEvents::add, clock,
                SessionConfig.defaults(), timers, "alice", List.of(GENERAL));
        assertThat(secondEvents).anyMatch(e -> e instanceof SessionEvent.TimelineChanged t
                && t.lines().size() == 1 && t.lines().getFirst().pending());
        restarted.onFrame(TestFrames.connected("alice"));
        restarted.onFrame(TestFrames.joined("general", 0, "e1", false, "alice"));
        assertThat(secondTransport.sentOf(ClientFrame.SendMessage.class)).singleElement()
                .satisfies(send -> assertThat(send.data().clientId().value()).isEqualTo(clientId));
    }

    @Test
    void aRateLimitedSendStaysPendingAndGoesAgainAfterAPause() {
        session = ChatSession.create(transport, outbox, tokens, marks(), events::add, clock,
                new SessionConfig(Duration.ofSeconds(6), Duration.ofSeconds(3), 50, Duration.ofMillis(50)), timers,
                "", List.of());
        signInAsAlice();
        String clientId = session.send(GENERAL, "too fast", null);
        // The server's rate limiter answers before it reads the frame, so the error names no request.
        session.onFrame(new ServerFrame.ErrorFrame(null, null, TestFrames.T0,
                new ServerFrame.Problem(ErrorCode.RATE_LIMITED, "slow down")));
        assertThat(lastTimeline().lines().getFirst().delivery()).isEqualTo(Delivery.PENDING);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> transport.sentOf(ClientFrame.SendMessage.class).size() == 2);
        assertThat(transport.sentOf(ClientFrame.SendMessage.class))
                .allSatisfy(send -> assertThat(send.data().clientId().value()).isEqualTo(clientId));
    }

    @Test
    void aRefusedSendIsMarkedFailedAndCanBeRetried() {
        signInAsAlice();
        String clientId = session.send(GENERAL, "too long for this server", null);
        session.onFrame(new ServerFrame.ErrorFrame(GENERAL, "send-" + clientId, TestFrames.T0,
                new ServerFrame.Problem(ErrorCode.TOO_LARGE, "too long")));
        assertThat(lastTimeline().lines().getFirst().delivery()).isEqualTo(Delivery.FAILED);
        session.retry(GENERAL, clientId);
        assertThat(lastTimeline().lines().getFirst().delivery()).isEqualTo(Delivery.PENDING);
        assertThat(transport.sentOf(ClientFrame.SendMessage.class)).hasSize(2);
    }

    @Test
    void countsUnreadOnlyOutsideTheRoomInViewAndFlagsMentions() {
        signInAsAlice();
        session.join(RoomName.of("builds"));
        session.onFrame(TestFrames.joined("builds", 0, "e1", false, "alice"));
        session.focus(GENERAL);
        session.onFrame(TestFrames.message("general", 1, "bob", "seen right away", null));
        session.onFrame(TestFrames.message("builds", 1, "bob", "build 12 passed", null));
        session.onFrame(TestFrames.message("builds", 2, "bob", "@alice can you look?", null));
        RoomView builds = lastRooms().stream().filter(r -> r.room().value().equals("builds")).findFirst().orElseThrow();
        assertThat(builds.unread()).isEqualTo(2);
        assertThat(builds.mentioned()).isTrue();
        assertThat(lastRooms().getFirst().unread()).isZero();
        session.focus(RoomName.of("builds"));
        assertThat(lastRooms()).allMatch(r -> r.unread() == 0);
    }

    @Test
    void aNewEpochDropsOldHistoryAndReloads() {
        signInAsAlice();
        session.onFrame(TestFrames.message("general", 1, "bob", "old world", null));
        session.onDropped(DropReason.LOST);
        session.onFrame(TestFrames.connected("alice"));
        session.onFrame(TestFrames.joined("general", 0, "e2", false, "alice"));
        assertThat(lastTimeline().lines()).isEmpty();
        assertThat(transport.sentOf(ClientFrame.History.class)).isNotEmpty();
    }

    @Test
    void olderHistoryIsPrependedAndStopsWhenThereIsNoMore() {
        signInAsAlice();
        session.onFrame(TestFrames.history("general", true, TestFrames.message("general", 51, "bob", "a", null),
                TestFrames.message("general", 52, "bob", "b", null)));
        session.loadOlder(GENERAL);
        ClientFrame.History asked = transport.sentOf(ClientFrame.History.class).getLast();
        assertThat(asked.query().before()).isEqualTo(51L);
        session.onFrame(TestFrames.history("general", false, TestFrames.message("general", 50, "carol", "z", null)));
        assertThat(lastTimeline().lines()).extracting(ChatLine::seq).containsExactly(50L, 51L, 52L);
        assertThat(lastTimeline().hasOlder()).isFalse();
    }

    @Test
    void repliesCarryAOneLinePreviewOfTheOriginal() {
        signInAsAlice();
        session.onFrame(TestFrames.message("general", 1, "bob", "anyone up for lunch?\nsecond line", null));
        session.onFrame(TestFrames.message("general", 2, "alice", "sure", "c1", 1L));
        assertThat(lastTimeline().lines().get(1).replyPreview()).isEqualTo("bob: anyone up for lunch?");
    }

    @Test
    void typingShowsAndExpires() {
        signInAsAlice();
        session.onFrame(TestFrames.typing("general", "bob"));
        assertThat(events).contains(new SessionEvent.TypingChanged(GENERAL, List.of("bob")));
        session.onFrame(TestFrames.message("general", 1, "bob", "done typing", null));
        assertThat(events).contains(new SessionEvent.TypingChanged(GENERAL, List.of()));
    }

    @Test
    void aRejectedTokenForgetsItAndStopsRetrying() {
        signInAsAlice();
        session.onDropped(DropReason.AUTH_REJECTED);
        assertThat(tokens.forgotten).isTrue();
        assertThat(transport.autoReconnect).isFalse();
        assertThat(events).contains(new SessionEvent.StatusChanged(
                new SessionStatus.Offline(DropReason.AUTH_REJECTED)));
    }

    @Test
    void anUnreachableServerOnFirstConnectIsReportedNotRetried() {
        session.start();
        session.onDropped(DropReason.UNREACHABLE);
        assertThat(events).contains(new SessionEvent.StatusChanged(
                new SessionStatus.Offline(DropReason.UNREACHABLE)));
        assertThat(transport.autoReconnect).isFalse();
    }

    @Test
    void messagesThatArrivedWhileClosedCountAsUnreadAfterARestartWithoutNotifying() {
        signInAsAlice();
        RoomName builds = RoomName.of("builds");
        session.join(builds);
        session.onFrame(TestFrames.joined("builds", 4, "e1", false, "alice"));
        session.focus(builds);
        session.focus(GENERAL);
        session.close();

        FakeTransport next = new FakeTransport();
        List<SessionEvent> nextEvents = new CopyOnWriteArrayList<>();
        ChatSession restarted = ChatSession.create(next, outbox, tokens, marks(), nextEvents::add, clock,
                SessionConfig.defaults(), timers, "alice", List.of(GENERAL, builds));
        restarted.focus(GENERAL);
        restarted.onFrame(TestFrames.connected("alice"));
        assertThat(next.sentOf(ClientFrame.JoinRoom.class)).filteredOn(j -> j.room().equals(builds))
                .singleElement().satisfies(join -> assertThat(join.since()).isEqualTo(4L));
        restarted.onFrame(TestFrames.message("builds", 5, "bob", "while you were away", null));
        restarted.onFrame(TestFrames.message("builds", 6, "alice", "from my phone", "c6"));
        restarted.onFrame(TestFrames.message("builds", 7, "bob", "@alice look", null));
        restarted.onFrame(TestFrames.joined("builds", 7, "e1", false, "alice", "bob"));
        RoomView view = lastRooms(nextEvents).stream().filter(r -> r.room().equals(builds)).findFirst().orElseThrow();
        assertThat(view.unread()).isEqualTo(2);
        assertThat(view.mentioned()).isTrue();
        assertThat(nextEvents).noneMatch(e -> e instanceof SessionEvent.MessageArrived);
        // Only what was unread arrived: the newest page follows, and older messages can load on scroll.
        assertThat(next.sentOf(ClientFrame.History.class)).filteredOn(h -> h.room().equals(builds)).hasSize(1);

        restarted.focus(builds);
        assertThat(lastRooms(nextEvents)).allMatch(r -> r.unread() == 0);
        assertThat(marks().find("alice", builds)).contains(new ReadMarks.Mark(7, "e1"));
    }

    @Test
    void aReadMarkOfAnotherEpochCountsNothingAsUnread() {
        signInAsAlice();
        RoomName builds = RoomName.of("builds");
        session.join(builds);
        session.onFrame(TestFrames.joined("builds", 9, "e1", false, "alice"));
        session.focus(builds);
        session.focus(GENERAL);

        ChatSession restarted = ChatSession.create(transport, outbox, tokens, marks(), events::add, clock,
                SessionConfig.defaults(), timers, "alice", List.of(GENERAL, builds));
        restarted.onFrame(TestFrames.connected("alice"));
        restarted.onFrame(TestFrames.message("builds", 10, "bob", "new world", null));
        restarted.onFrame(TestFrames.joined("builds", 10, "e2", false, "alice", "bob"));
        assertThat(lastRooms()).allMatch(r -> r.unread() == 0);
        assertThat(lastTimeline().lines()).isEmpty();
    }

    @Test
    void aCatchUpCutShortCountsTheRestAsUnread() {
        signInAsAlice();
        RoomName builds = RoomName.of("builds");
        session.join(builds);
        session.onFrame(TestFrames.joined("builds", 0, "e1", false, "alice"));
        session.focus(builds);
        session.focus(GENERAL);

        ChatSession restarted = ChatSession.create(transport, outbox, tokens, marks(), events::add, clock,
                SessionConfig.defaults(), timers, "alice", List.of(GENERAL, builds));
        restarted.onFrame(TestFrames.connected("alice"));
        restarted.onFrame(TestFrames.message("builds", 1, "bob", "one", null));
        restarted.onFrame(TestFrames.message("builds", 2, "bob", "two", null));
        restarted.onFrame(TestFrames.joined("builds", 800, "e1", true, "alice", "bob"));
        assertThat(lastRooms().stream().filter(r -> r.room().equals(builds)).findFirst().orElseThrow().unread())
                .isEqualTo(800);
    }

    private SessionEvent.TimelineChanged lastTimeline() {
        return events.stream().filter(e -> e instanceof SessionEvent.TimelineChanged)
                .map(SessionEvent.TimelineChanged.class::cast).reduce((a, b) -> b).orElseThrow();
    }

    private List<RoomView> lastRooms() {
        return lastRooms(events);
    }

    private static List<RoomView> lastRooms(List<SessionEvent> events) {
        return events.stream().filter(e -> e instanceof SessionEvent.RoomsChanged)
                .map(e -> ((SessionEvent.RoomsChanged) e).rooms()).reduce((a, b) -> b).orElseThrow();
    }

    private static final class TokenSinkSpy implements TokenSink {
        volatile String stored = "";
        volatile boolean forgotten;

        @Override
        public void store(String username, String token) {
            stored = username + "=" + token;
        }

        @Override
        public void forget() {
            forgotten = true;
        }
    }
}
