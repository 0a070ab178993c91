package dev.confab.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.testing.TestClient;
import dev.confab.server.testing.TestServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Row S9: changing the password or signing out revokes earlier tokens and cuts the account's other connections. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RevocationTest {
    private static final long CUT_WITHIN_NANOS = TimeUnit.SECONDS.toNanos(1);

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
    void changingThePasswordCutsOtherConnectionsWithinASecondAndOldTokensStopWorking() {
        server = TestServer.start(dir);
        Registered registered = register("alice");
        TestClient laptop = registered.client();
        String oldToken = registered.token();
        TestClient phone = server.connect("/ws?token=" + oldToken, Map.of());
        phone.next(ServerFrame.Connected.class);

        laptop.send(new ClientFrame.ChangePassword("pw", new ClientFrame.PasswordChange("password-alice",
                "a much better passphrase")));
        ServerFrame.PasswordChanged changed = laptop.await(ServerFrame.PasswordChanged.class);
        long answeredAt = System.nanoTime();
        assertThat(changed.replyTo()).isEqualTo("pw");
        assertThat(phone.awaitClose()).isEqualTo(4401);
        assertThat(System.nanoTime() - answeredAt).isLessThan(CUT_WITHIN_NANOS);
        assertThat(laptop.closedYet()).as("the connection that asked stays").isFalse();

        assertThat(server.connectWithoutWaiting("/ws?token=" + oldToken).awaitClose()).isEqualTo(4401);
        assertThat(server.connect("/ws?token=" + changed.data().token(), Map.of()).next())
                .isInstanceOf(ServerFrame.Connected.class);
        assertThat(signIn("alice", "password-alice")).isInstanceOf(ServerFrame.ErrorFrame.class);
        assertThat(signIn("alice", "a much better passphrase")).isInstanceOf(ServerFrame.Connected.class);
    }

    @Test
    void signingOutClosesThisConnectionNormallyCutsTheOthersAndRevokesTheToken() {
        server = TestServer.start(dir);
        Registered registered = register("alice");
        TestClient laptop = registered.client();
        String token = registered.token();
        TestClient phone = server.connect("/ws?token=" + token, Map.of());
        phone.next(ServerFrame.Connected.class);

        laptop.send(new ClientFrame.Logout("bye"));
        assertThat(laptop.await(ServerFrame.LoggedOut.class).replyTo()).isEqualTo("bye");
        long answeredAt = System.nanoTime();
        assertThat(phone.awaitClose()).isEqualTo(4401);
        assertThat(System.nanoTime() - answeredAt).isLessThan(CUT_WITHIN_NANOS);
        assertThat(laptop.awaitClose()).isEqualTo(1000);

        assertThat(server.connectWithoutWaiting("/ws?token=" + token).awaitClose()).isEqualTo(4401);
        assertThat(signIn("alice", "password-alice")).as("the password still works")
                .isInstanceOf(ServerFrame.Connected.class);
    }

    @Test
    void aWrongCurrentPasswordOrAWeakNewOneChangesNothing() {
        server = TestServer.start(dir);
        Registered registered = register("alice");
        TestClient alice = registered.client();
        String token = registered.token();
        alice.send(new ClientFrame.ChangePassword("w", new ClientFrame.PasswordChange("wrong", "a fine new one")));
        assertThat(alice.nextError(ErrorCode.AUTH_FAILED).replyTo()).isEqualTo("w");
        alice.send(new ClientFrame.ChangePassword("k", new ClientFrame.PasswordChange("password-alice", "short")));
        assertThat(alice.nextError(ErrorCode.WEAK_PASSWORD).replyTo()).isEqualTo("k");
        assertThat(alice.closedYet()).isFalse();
        assertThat(server.connect("/ws?token=" + token, Map.of()).next()).isInstanceOf(ServerFrame.Connected.class);
    }

    @Test
    void guessingTheCurrentPasswordIsThrottledLikeSignIn() {
        server = TestServer.start(dir);
        TestClient alice = server.registered("alice");
        for (int i = 0; i < ThrottlePolicy.DEFAULT_MAX_FAILURES_PER_ACCOUNT; i++) {
            alice.send(new ClientFrame.ChangePassword("g" + i, new ClientFrame.PasswordChange("guess-" + i,
                    "a fine new one")));
            alice.nextError(ErrorCode.AUTH_FAILED);
        }
        alice.send(new ClientFrame.ChangePassword("last", new ClientFrame.PasswordChange("password-alice",
                "a fine new one")));
        assertThat(alice.nextError(ErrorCode.RATE_LIMITED).replyTo()).isEqualTo("last");
    }

    @Test
    void aGuestHasNoPasswordToChangeAndSignsOutAlone() {
        server = TestServer.start(dir);
        TestClient guest = server.guest("zed");
        guest.send(new ClientFrame.ChangePassword("pw", new ClientFrame.PasswordChange("x", "a fine new one")));
        assertThat(guest.nextError(ErrorCode.FORBIDDEN).replyTo()).isEqualTo("pw");
        guest.send(new ClientFrame.Logout("bye"));
        guest.await(ServerFrame.LoggedOut.class);
        assertThat(guest.awaitClose()).isEqualTo(1000);
    }

    @Test
    void accountFramesNeedASignedInConnection() {
        server = TestServer.start(dir);
        TestClient anonymous = server.connect();
        anonymous.next(ServerFrame.Hello.class);
        anonymous.send(new ClientFrame.Logout("bye"));
        assertThat(anonymous.nextError(ErrorCode.AUTH_REQUIRED).replyTo()).isEqualTo("bye");
    }

    private record Registered(TestClient client, String token) {
    }

    private Registered register(String name) {
        TestClient client = server.connect();
        client.next(ServerFrame.Hello.class);
        client.send(new ClientFrame.Register("reg", new ClientFrame.Credentials(name, "password-" + name)));
        return new Registered(client, client.next(ServerFrame.Connected.class).data().token());
    }

    private ServerFrame signIn(String name, String password) {
        TestClient client = server.connect();
        client.next(ServerFrame.Hello.class);
        client.send(new ClientFrame.Login("in", new ClientFrame.Credentials(name, password)));
        return client.next();
    }
}
