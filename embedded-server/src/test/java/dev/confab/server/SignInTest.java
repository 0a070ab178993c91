package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.testing.TestClient;
import dev.confab.server.testing.TestServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SignInTest {
    @TempDir
    Path dir;

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static ClientFrame.Login guestLogin(String id, String name) {
        return new ClientFrame.Login(id, new ClientFrame.Credentials(name, null));
    }

    @Test
    void greetsAConnectionWithoutTokenWithHello() {
        server = TestServer.start(dir, b -> b.guests(false).registration(true));
        ServerFrame.Hello hello = server.connect().next(ServerFrame.Hello.class);
        assertThat(hello.data().protocol()).isEqualTo(1);
        assertThat(hello.data().server().name()).isEqualTo("Test server");
        assertThat(hello.data().registration()).isTrue();
        assertThat(hello.data().guests()).isFalse();
    }

    @Test
    void guestLoginAnswersConnectedWithTokenAndReplyTo() {
        server = TestServer.start(dir);
        TestClient client = server.connect();
        client.next(ServerFrame.Hello.class);
        client.send(guestLogin("r1", "alice"));
        ServerFrame.Connected connected = client.next(ServerFrame.Connected.class);
        assertThat(connected.replyTo()).isEqualTo("r1");
        assertThat(connected.data().guest()).isTrue();
        assertThat(connected.data().username()).isEqualTo("alice");
        assertThat(connected.data().token()).isNotBlank();
        assertThat(connected.data().userId()).isNotBlank();
        assertThat(connected.data().server().name()).isEqualTo("Test server");
    }

    @Test
    void registersThenLogsInWithPassword() {
        server = TestServer.start(dir);
        TestClient first = server.registered("bob");
        first.close();
        TestClient client = server.connect();
        client.next(ServerFrame.Hello.class);
        client.send(new ClientFrame.Login("l", new ClientFrame.Credentials("BOB", "password-bob")));
        ServerFrame.Connected connected = client.next(ServerFrame.Connected.class);
        assertThat(connected.data().username()).isEqualTo("bob");
        assertThat(connected.data().guest()).isFalse();
    }

    @Test
    void signInFailuresAreErrorsThatKeepTheConnectionOpen() {
        server = TestServer.start(dir);
        server.registered("carol");
        TestClient client = server.connect();
        client.next(ServerFrame.Hello.class);
        client.send(new ClientFrame.Login("a", new ClientFrame.Credentials("carol", "wrong-password")));
        assertThat(client.nextError(ErrorCode.AUTH_FAILED).replyTo()).isEqualTo("a");
        client.send(new ClientFrame.Register("b", new ClientFrame.Credentials("carol", "long-enough-1")));
        client.nextError(ErrorCode.USERNAME_TAKEN);
        client.send(new ClientFrame.Register("c", new ClientFrame.Credentials("x", "long-enough-1")));
        client.nextError(ErrorCode.INVALID_USERNAME);
        client.send(new ClientFrame.Register("d", new ClientFrame.Credentials("dave", "short")));
        client.nextError(ErrorCode.WEAK_PASSWORD);
        client.send(guestLogin("e", "erin"));
        assertThat(client.next(ServerFrame.Connected.class).replyTo()).isEqualTo("e");
    }

    @Test
    void refusesGuestsAndRegistrationWhenTheServerSaysSo() {
        server = TestServer.start(dir, b -> b.guests(false).registration(false));
        TestClient client = server.connect();
        client.next(ServerFrame.Hello.class);
        client.send(guestLogin("g", "alice"));
        client.nextError(ErrorCode.GUESTS_NOT_ALLOWED);
        client.send(new ClientFrame.Register("r", new ClientFrame.Credentials("alice", "long-enough-1")));
        client.nextError(ErrorCode.REGISTRATION_CLOSED);
    }

    @Test
    void framesBeforeSignInGetAuthRequired() {
        server = TestServer.start(dir);
        TestClient client = server.connect();
        client.next(ServerFrame.Hello.class);
        client.send(new ClientFrame.Ping("p"));
        assertThat(client.nextError(ErrorCode.AUTH_REQUIRED).replyTo()).isEqualTo("p");
        client.send(new ClientFrame.ListRooms("l"));
        client.nextError(ErrorCode.AUTH_REQUIRED);
        assertThat(client.closedYet()).isFalse();
    }

    @Test
    void closesWith4401AfterFiveFailedTries() {
        server = TestServer.start(dir);
        TestClient client = server.connect();
        client.next(ServerFrame.Hello.class);
        for (int i = 0; i < 5; i++) {
            // A different name each time: the authenticator's own per-account throttle is not what is tested here.
            client.send(new ClientFrame.Login("t" + i, new ClientFrame.Credentials("nobody" + i, "wrong-password")));
            client.nextError(ErrorCode.AUTH_FAILED);
        }
        assertThat(client.awaitClose()).isEqualTo(4401);
    }

    @Test
    void closesWith4401WhenNobodySignsInInTime() {
        server = TestServer.start(dir, b -> b.authTimeout(Duration.ofMillis(300)));
        TestClient client = server.connect();
        client.next(ServerFrame.Hello.class);
        assertThat(client.awaitClose()).isEqualTo(4401);
    }

    @Test
    void guestCannotTakeTheNameOfAnOnlineGuestOrARegisteredUser() {
        server = TestServer.start(dir);
        server.guest("alice");
        server.registered("bob").close();
        TestClient client = server.connect();
        client.next(ServerFrame.Hello.class);
        client.send(guestLogin("a", "ALICE"));
        client.nextError(ErrorCode.USERNAME_TAKEN);
        client.send(guestLogin("b", "bob"));
        client.nextError(ErrorCode.USERNAME_TAKEN);
        client.send(new ClientFrame.Register("c", new ClientFrame.Credentials("alice", "long-enough-1")));
        client.nextError(ErrorCode.USERNAME_TAKEN);
    }

    @Test
    void guestNameIsFreeAgainWhenItsOwnerLeaves() throws InterruptedException {
        server = TestServer.start(dir);
        TestClient alice = server.guest("alice");
        alice.closeBlocking();
        server.guest("alice");
    }

    @Test
    void tokenInQueryHeaderOrCookieSignsInAtTheHandshake() {
        server = TestServer.start(dir);
        TestClient first = server.guest("alice");
        String token = tokenOf(server, "zed");
        first.close();
        for (var variant : new Object[][] {
                {"/ws?token=" + token, Map.<String, String>of()},
                {"/ws", Map.of("Authorization", "Bearer " + token)},
                {"/", Map.of("Cookie", "theme=dark; token=" + token)}}) {
            @SuppressWarnings("unchecked")
            TestClient client = server.connect((String) variant[0], (Map<String, String>) variant[1]);
            ServerFrame.Connected connected = client.next(ServerFrame.Connected.class);
            assertThat(connected.data().username()).isEqualTo("zed");
            assertThat(connected.replyTo()).isNull();
        }
    }

    @Test
    void invalidTokenClosesWith4401() {
        server = TestServer.start(dir);
        TestClient client = server.connectWithoutWaiting("/ws?token=forged");
        assertThat(client.awaitClose()).isEqualTo(4401);
    }

    @Test
    void autoJoinsTheRoomOfTheEndpointPath() {
        server = TestServer.start(dir);
        String token = tokenOf(server, "alice");
        TestClient client = server.connect("/ws/general?token=" + token, Map.of());
        client.next(ServerFrame.Connected.class);
        ServerFrame.JoinedRoom joined = client.next(ServerFrame.JoinedRoom.class);
        assertThat(joined.room().value()).isEqualTo("general");
    }

    @Test
    void refusesOtherPaths() throws Exception {
        server = TestServer.start(dir);
        for (String path : new String[] {"/chat", "/ws/Bad%20Room", "/wsx"}) {
            TestClient client = server.track(new TestClient(URI.create("ws://127.0.0.1:" + server.server().port()
                    + path)));
            assertThat(client.connectBlocking(TestClient.WAIT_SECONDS, TimeUnit.SECONDS)).as(path).isFalse();
        }
    }

    @Test
    void secondSignInOnTheSameConnectionIsRefused() {
        server = TestServer.start(dir);
        TestClient client = server.guest("alice");
        client.send(guestLogin("again", "alice2"));
        client.nextError(ErrorCode.INVALID_MESSAGE);
    }

    /** Registers {@code name} on a throwaway connection and returns its token. */
    private static String tokenOf(TestServer server, String name) {
        TestClient client = server.connect();
        client.next(ServerFrame.Hello.class);
        client.send(new ClientFrame.Register("r", new ClientFrame.Credentials(name, "password-" + name)));
        String token = client.next(ServerFrame.Connected.class).data().token();
        client.close();
        return token;
    }
}
