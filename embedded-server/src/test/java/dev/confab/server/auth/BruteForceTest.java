package dev.confab.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.ConfabServer;
import dev.confab.server.NodeOptions;
import dev.confab.server.RunningServer;
import dev.confab.server.testing.SteppableClock;
import dev.confab.server.testing.TestClient;
import dev.confab.server.testing.TestServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
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
    private RunningServer node;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (node != null) {
            node.close();
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

    @Test
    void aStepOfTheSystemClockDoesNotEndALockout() {
        SteppableClock wall = new SteppableClock();
        // The server as ConfabServer assembles it (TestServer wires its own authenticator), on a wall clock that
        // the test steps as NTP or a VM's host would.
        node = ConfabServer.start(TestServer.config(dir).build(), new NodeOptions(wall, a -> a, s -> s, b -> b));
        TestClient alice = client();
        alice.next(ServerFrame.Hello.class);
        alice.send(new ClientFrame.Register("reg", new ClientFrame.Credentials("alice", "password-alice")));
        alice.next(ServerFrame.Connected.class);
        alice.close();
        for (int i = 0; i < ThrottlePolicy.DEFAULT_MAX_FAILURES_PER_ACCOUNT; i++) {
            assertThat(login(this::client, "alice", "guess-" + i)).isEqualTo(ErrorCode.AUTH_FAILED);
        }
        assertThat(login(this::client, "alice", "guess-last")).isEqualTo(ErrorCode.RATE_LIMITED);

        wall.step(Duration.ofHours(1));

        assertThat(login(this::client, "alice", "password-alice"))
                .as("an hour later on the wall clock, a moment later in fact: still throttled")
                .isEqualTo(ErrorCode.RATE_LIMITED);
    }

    private TestClient client() {
        return new TestClient(URI.create("ws://127.0.0.1:" + node.port() + "/ws")).open();
    }

    /** One sign-in on a fresh connection; the error code, or null when it succeeded. */
    private ErrorCode login(String name, String password) {
        return login(server::connect, name, password);
    }

    private static ErrorCode login(Supplier<TestClient> connect, String name, String password) {
        TestClient client = connect.get();
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
