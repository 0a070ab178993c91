package dev.confab.client.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.net.DropReason;
import dev.confab.client.testing.TestFrames;
import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.ServerFrame;
import java.nio.file.Path;
import dev.confab.client.settings.ReadPositions;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Changing the password and signing out, as the session sees them. */
@Timeout(10)
class AccountRequestsTest {
    @TempDir
    Path dir;
    private final FakeTransport transport = new FakeTransport();
    private final List<SessionEvent> events = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final List<String> stored = new CopyOnWriteArrayList<>();
    private final TokenSink tokens = new TokenSink() {
        @Override
        public void store(String username, String token) {
            stored.add(username + "=" + token);
        }

        @Override
        public void forget() {
            stored.add("forgotten");
        }
    };
    private ChatSession session;

    @BeforeEach
    void signIn() {
        ReadMarks marks = ReadPositions.open(dir.resolve("read-positions.properties"), timers, Duration.ZERO)
                .forServer("test");
        session = ChatSession.create(transport, FileOutbox.open(dir.resolve("outbox.properties")), tokens, marks,
                events::add, Clock.fixed(TestFrames.T0, ZoneOffset.UTC), SessionConfig.defaults(), timers, "",
                List.of());
        session.onFrame(TestFrames.hello(true, true));
        session.signIn(new AuthRequest.SignIn("alice", "old password"));
        session.onFrame(TestFrames.connected("alice"));
    }

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    @Test
    void aChangedPasswordReplacesTheTokenUsedForReconnects() {
        CompletableFuture<AccountOutcome> outcome = session.changePassword("old password", "new password");
        ClientFrame.ChangePassword sent = transport.sentOf(ClientFrame.ChangePassword.class).getFirst();
        assertThat(sent.data().newPassword()).isEqualTo("new password");

        session.onFrame(new ServerFrame.PasswordChanged(sent.id(), TestFrames.T0,
                new ServerFrame.RenewedToken("renewed-token", TestFrames.T0.plusSeconds(3600))));

        assertThat(outcome).isCompletedWithValue(new AccountOutcome.Done());
        assertThat(transport.token).isEqualTo("renewed-token");
        assertThat(stored).endsWith("alice=renewed-token");
    }

    @Test
    void aRefusedChangeReportsTheServersReason() {
        CompletableFuture<AccountOutcome> outcome = session.changePassword("wrong", "new password");
        String id = transport.sentOf(ClientFrame.ChangePassword.class).getFirst().id();
        session.onFrame(new ServerFrame.ErrorFrame(null, id, TestFrames.T0,
                new ServerFrame.Problem(ErrorCode.AUTH_FAILED, "The current password is wrong.")));
        assertThat(outcome).isCompletedWithValue(new AccountOutcome.Refused(Optional.of(ErrorCode.AUTH_FAILED),
                "The current password is wrong."));
        assertThat(transport.token).isEqualTo("token-of-alice");
    }

    @Test
    void signingOutForgetsTheTokenAndAsksToSignInAgainWithoutReusingThePassword() {
        CompletableFuture<AccountOutcome> outcome = session.logout();
        String id = transport.sentOf(ClientFrame.Logout.class).getFirst().id();
        session.onFrame(new ServerFrame.LoggedOut(id, TestFrames.T0));
        assertThat(outcome).isCompletedWithValue(new AccountOutcome.Done());
        assertThat(stored).endsWith("forgotten");
        assertThat(transport.token).isEmpty();
        assertThat(transport.autoReconnect).isFalse();

        int connectsBefore = transport.connects;
        session.onDropped(DropReason.LOST);
        assertThat(transport.connects).as("reconnects once, without a token").isEqualTo(connectsBefore + 1);
        int loginsBefore = transport.sentOf(ClientFrame.Login.class).size();
        session.onFrame(TestFrames.hello(true, true));
        assertThat(transport.sentOf(ClientFrame.Login.class)).as("the old password is not sent again")
                .hasSize(loginsBefore);
        assertThat(events.getLast()).isInstanceOf(SessionEvent.SignInNeeded.class);
    }

    @Test
    void aRequestThatCannotBeSentOrLosesItsConnectionIsRefusedNotLeftHanging() {
        CompletableFuture<AccountOutcome> pending = session.logout();
        session.onDropped(DropReason.LOST);
        assertThat(pending).isCompletedWithValueMatching(o -> o instanceof AccountOutcome.Refused);
        transport.open = false;
        assertThat(session.changePassword("a", "b")).isCompletedWithValueMatching(
                o -> o instanceof AccountOutcome.Refused);
    }
}
