package dev.confab.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.protocol.CloseCode;
import dev.confab.server.ServerConfig;
import dev.confab.server.auth.AuthConfig;
import dev.confab.server.auth.DefaultAuthenticator;
import dev.confab.server.auth.PasswordPolicy;
import dev.confab.server.bus.InProcessMessageBus;
import dev.confab.server.net.RequestTarget;
import dev.confab.server.store.DataDirectory;
import dev.confab.server.store.sqlite.SqliteMessageStore;
import dev.confab.server.store.sqlite.StoreConfig;
import dev.confab.server.testing.FakeConnection;
import dev.confab.server.testing.SteppableClock;
import dev.confab.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sign-in deadline is elapsed time, not wall time: in a benchmark run the system clock stepped about 12 s ahead
 * during a connect storm and the next housekeeping round cut dozens of connections that were signing in ("did not
 * sign in within PT10S" a moment after they opened). Token expiry is a date, and stays on the wall clock.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SignInDeadlineTest {
    private static final String LOGIN = "{\"type\":\"login\",\"id\":\"in\",\"data\":{\"username\":\"steady\"}}";

    @TempDir
    Path dir;

    private final SteppableClock wall = new SteppableClock();
    private SqliteMessageStore store;
    private ChatService chat;

    @AfterEach
    void close() {
        if (chat != null) {
            chat.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aWallClockStepDoesNotCutAConnectionStillSigningIn() {
        start(Duration.ofSeconds(10));
        FakeConnection connection = FakeConnection.create();
        Session session = chat.opened(connection.socket(), new RequestTarget(null, null));
        assertThat(connection.sent()).as("greeted").singleElement().asString().contains("\"hello\"");

        wall.step(Duration.ofHours(1));
        chat.housekeeping();

        assertThat(session.closeRequestedAt()).as("close requested by the housekeeping round").isZero();
        chat.text(session, LOGIN);
        await().atMost(Duration.ofSeconds(10)).until(session::signedIn);
        assertThat(connection.closeCode()).isZero();
    }

    @Test
    void theSignInDeadlineStillCutsOnceItsTimeHasPassed() {
        start(Duration.ofMillis(200));
        FakeConnection connection = FakeConnection.create();
        Session session = chat.opened(connection.socket(), new RequestTarget(null, null));

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            chat.housekeeping();
            return session.closeRequestedAt() != 0;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> connection.closeCode() != 0);
        assertThat(connection.closeCode()).isEqualTo(CloseCode.AUTH_FAILED.code());
    }

    @Test
    void anExpiredTokenIsStillCutByTheWallClock() {
        start(Duration.ofSeconds(10));
        FakeConnection connection = FakeConnection.create();
        Session session = chat.opened(connection.socket(), new RequestTarget(null, null));
        chat.text(session, LOGIN);
        await().atMost(Duration.ofSeconds(10)).until(session::signedIn);

        wall.step(Duration.ofDays(400));
        chat.housekeeping();

        assertThat(session.closeRequestedAt()).as("close requested by the housekeeping round").isNotZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> connection.closeCode() != 0);
        assertThat(connection.closeCode()).isEqualTo(CloseCode.AUTH_FAILED.code());
    }

    private void start(Duration authTimeout) {
        ServerConfig config = TestServer.config(dir).authTimeout(authTimeout).build();
        store = SqliteMessageStore.open(DataDirectory.create(dir), StoreConfig.defaults(), wall);
        AuthConfig auth = AuthConfig.defaults().withPasswords(PasswordPolicy.defaults().withCost(64, 1, 1));
        chat = ChatService.create(config, store, DefaultAuthenticator.create(store.accounts(),
                dir.resolve("token.key"), auth, wall), InProcessMessageBus.create(), wall, "test");
    }
}
