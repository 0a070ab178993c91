package dev.confab.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.testing.TestClient;
import dev.confab.server.testing.TestServer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Row S16 end to end: password guessing across fresh connections (so the per-connection limit does not hide it) is
 * throttled per account and per address, and a throttled try is refused before any hashing, right password or not.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BruteForceTest {
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
    void guessingOneAccountsPasswordIsThrottledEvenOnFreshConnections() {
        server = TestServer.start(dir);
        server.registered("alice").close();
        for (int i = 0; i < ThrottlePolicy.DEFAULT_MAX_FAILURES_PER_ACCOUNT; i++) {
            assertThat(login("alice", "guess-" + i)).isEqualTo(ErrorCode.AUTH_FAILED);
        }
        assertThat(login("alice", "guess-last")).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(login("alice", "password-alice")).as("even the right one, while throttled")
                .isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(login("bob", "password-bob")).as("another account is not affected")
                .isEqualTo(ErrorCode.AUTH_FAILED);
    }

    @Test
    void guessingManyAccountsFromOneAddressIsThrottled() {
        server = TestServer.start(dir);
        for (int i = 0; i < ThrottlePolicy.DEFAULT_MAX_FAILURES_PER_ADDRESS; i++) {
            assertThat(login("user" + i, "guess")).isEqualTo(ErrorCode.AUTH_FAILED);
        }
        assertThat(login("someone-new", "guess")).isEqualTo(ErrorCode.RATE_LIMITED);
    }

    /** One sign-in on a fresh connection; the error code, or null when it succeeded. */
    private ErrorCode login(String name, String password) {
        TestClient client = server.connect();
        try {
            client.next(ServerFrame.Hello.class);
            client.send(new ClientFrame.Login("in", new ClientFrame.Credentials(name, password)));
            return switch (client.next()) {
                case ServerFrame.ErrorFrame error -> error.data().code();
                default -> null;
            };
        } finally {
            client.close();
        }
    }
}
