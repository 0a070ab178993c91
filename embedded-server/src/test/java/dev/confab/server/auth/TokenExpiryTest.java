package dev.confab.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.testing.TestClient;
import dev.confab.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Row R16: a connection lives no longer than its sign-in token. At the token's expiry (plus the tolerated skew,
 * here none) the server closes it with 4401, so the client reconnects, finds its token refused, and signs in
 * again; the protocol has no refresh frame.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TokenExpiryTest {
    /** Housekeeping runs every 50 ms in tests; the rest is a loaded machine's scheduling. */
    private static final Duration CLOSED_WITHIN = Duration.ofMillis(1_500);

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
    void everyConnectionClosesWith4401WhenItsTokenExpiresAndTheTokenNoLongerSignsIn() {
        server = withTokenLifetime(Duration.ofSeconds(2));
        TestClient laptop = server.connect();
        laptop.next(ServerFrame.Hello.class);
        laptop.send(new ClientFrame.Register("reg", new ClientFrame.Credentials("alice", "password-alice")));
        ServerFrame.Session signedIn = laptop.next(ServerFrame.Connected.class).data();
        TestClient phone = server.connect("/ws?token=" + signedIn.token(), Map.of());
        assertThat(phone.next(ServerFrame.Connected.class).data().expiresAt()).isEqualTo(signedIn.expiresAt());
        TestClient guest = server.guest("zed");

        assertThat(laptop.awaitClose()).as("signed in with a password").isEqualTo(4401);
        assertThat(phone.awaitClose()).as("signed in with the token").isEqualTo(4401);
        assertThat(guest.awaitClose()).as("a guest").isEqualTo(4401);
        for (TestClient client : new TestClient[] {laptop, phone}) {
            assertThat(client.closedAt()).isAfterOrEqualTo(signedIn.expiresAt())
                    .isBefore(signedIn.expiresAt().plus(CLOSED_WITHIN));
        }
        assertThat(server.connectWithoutWaiting("/ws?token=" + signedIn.token()).awaitClose())
                .as("the expired token is refused at the handshake").isEqualTo(4401);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.server().connectionCount() == 0);
    }

    @Test
    void aPasswordChangeGivesTheConnectionTheNewTokensLifetime() {
        Duration lifetime = Duration.ofSeconds(3);
        server = withTokenLifetime(lifetime);
        TestClient laptop = server.connect();
        laptop.next(ServerFrame.Hello.class);
        laptop.send(new ClientFrame.Register("reg", new ClientFrame.Credentials("alice", "password-alice")));
        Instant firstExpiry = laptop.next(ServerFrame.Connected.class).data().expiresAt();
        // Token times are whole seconds: a token issued in the next second expires later than the first one.
        Instant nextSecond = firstExpiry.minus(lifetime).plusSeconds(1);
        await().atMost(Duration.ofSeconds(2)).until(() -> !Instant.now().isBefore(nextSecond));

        laptop.send(new ClientFrame.ChangePassword("pw", new ClientFrame.PasswordChange("password-alice",
                "a much better passphrase")));
        Instant renewedExpiry = laptop.await(ServerFrame.PasswordChanged.class).data().expiresAt();
        assertThat(renewedExpiry).isAfter(firstExpiry);
        Duration untilPastFirst = Duration.between(Instant.now(), firstExpiry.plusMillis(300));
        await().during(untilPastFirst).atMost(untilPastFirst.plusSeconds(2)).until(() -> !laptop.closedYet());

        assertThat(laptop.awaitClose()).isEqualTo(4401);
        assertThat(laptop.closedAt()).isAfterOrEqualTo(renewedExpiry).isBefore(renewedExpiry.plus(CLOSED_WITHIN));
    }

    private TestServer withTokenLifetime(Duration lifetime) {
        TokenPolicy shortLived = new TokenPolicy(TokenPolicy.DEFAULT_ISSUER, TokenPolicy.DEFAULT_AUDIENCE, lifetime,
                TokenPolicy.DEFAULT_TTL, Duration.ZERO, TokenPolicy.DEFAULT_MAX_TOKEN_BYTES);
        return TestServer.withAuth(dir, b -> b, auth -> auth.withTokens(shortLived));
    }
}
