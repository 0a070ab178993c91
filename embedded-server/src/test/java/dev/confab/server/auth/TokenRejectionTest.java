package dev.confab.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.testing.TestClient;
import dev.confab.server.testing.TestServer;
import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rows S2–S8 and S10 end to end (S1, no token at all, is not refused at the upgrade by design: the protocol
 * signs in on the connection; see SignInTest#closesWith4401WhenNobodySignsInInTime). Every kind of bad token
 * presented at the handshake of a running server closes the connection with 4401. Each is made with the
 * server's own key (read from its {@code token.key}) and the claims of a real account, and changes one thing, so
 * it fails for that reason alone; the unchanged one is accepted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TokenRejectionTest {
    @TempDir
    static Path dir;

    /** The {@code exp} of the token that gets tampered with, and the later one written into its payload. */
    private static final long TAMPERED_FROM = Instant.now().plus(Duration.ofDays(1)).getEpochSecond();
    private static final long TAMPERED_TO = TAMPERED_FROM + Duration.ofDays(1).toSeconds();

    private TestServer server;
    private SecretKey key;
    private ServerFrame.Session alice;

    @BeforeAll
    void start() {
        server = TestServer.start(dir);
        TestClient client = server.connect();
        client.next(ServerFrame.Hello.class);
        client.send(new ClientFrame.Register("r", new ClientFrame.Credentials("alice", "password-alice")));
        alice = client.next(ServerFrame.Connected.class).data();
        client.close();
        key = SigningKeyFile.loadOrCreate(dir.resolve("token.key"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void aHandMadeTokenWithEveryClaimRightIsAccepted() {
        assertThat(connect(token(claims -> { })).next()).isInstanceOfSatisfying(ServerFrame.Connected.class,
                connected -> assertThat(connected.data().username()).isEqualTo("alice"));
    }

    @Test
    void theTamperedClaimsWouldPassEveryCheckButTheSignature() {
        // The tampered header and payload, signed again with the server's key: accepted, so the tampered token is
        // refused for its signature alone.
        String[] tampered = tampered().split("\\.");
        String resigned = tampered[0] + "." + tampered[1] + "." + signature(tampered[0] + "." + tampered[1]);
        assertThat(connect(resigned).next()).isInstanceOf(ServerFrame.Connected.class);
    }

    Stream<Arguments> badTokens() {
        Instant now = Instant.now();
        return Stream.of(
                Arguments.of("S2 alg none", algNone()),
                Arguments.of("S3 tampered payload", tampered()),
                Arguments.of("S3 signed with another key", signed(claims(c -> { }), randomKey())),
                Arguments.of("S5 expired beyond the skew", token(c -> {
                    c.put("iat", now.minus(Duration.ofDays(2)).getEpochSecond());
                    c.put("exp", now.minus(Duration.ofMinutes(5)).getEpochSecond());
                })),
                Arguments.of("S5 not valid before a future time", token(c -> c.put("nbf",
                        now.plus(Duration.ofHours(1)).getEpochSecond()))),
                Arguments.of("S5 issued in the future", token(c -> c.put("iat",
                        now.plus(Duration.ofHours(1)).getEpochSecond()))),
                Arguments.of("S6 no exp", token(c -> c.remove("exp"))),
                Arguments.of("S6 lifetime over the policy", token(c -> c.put("exp",
                        now.plus(Duration.ofDays(400)).getEpochSecond()))),
                Arguments.of("S7 wrong issuer", token(c -> c.put("iss", "someone-else"))),
                Arguments.of("S7 wrong audience", token(c -> c.put("aud", "another-app"))),
                Arguments.of("S8 refresh token used as access token", token(c -> c.put("token_use", "refresh"))),
                Arguments.of("S8 no token use", token(c -> c.remove("token_use"))),
                Arguments.of("S10 larger than 4 KiB", token(c -> c.put("padding", "x".repeat(5000)))),
                Arguments.of("old token version", token(c -> c.put("ver", 7))),
                Arguments.of("unknown account", token(c -> c.put("sub", "u0000000000000000"))),
                Arguments.of("garbage", "not.a.token"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void aBadTokenAtTheHandshakeClosesWith4401(String what, String token) {
        TestClient client = server.connectWithoutWaiting("/ws?token=" + token);
        assertThat(client.awaitClose()).as(what).isEqualTo(4401);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void aBadTokenInTheAuthorizationHeaderClosesWith4401(String what, String token) {
        TestClient client = server.track(new TestClient(server.uri("/ws"), Map.of("Authorization",
                "Bearer " + token)));
        client.connect();
        assertThat(client.awaitClose()).as(what).isEqualTo(4401);
    }

    private TestClient connect(String token) {
        return server.connect("/ws?token=" + token, Map.of());
    }

    private String token(Consumer<Map<String, Object>> edit) {
        return signed(claims(edit), key);
    }

    private Map<String, Object> claims(Consumer<Map<String, Object>> edit) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", alice.userId());
        claims.put("name", alice.username());
        claims.put("guest", false);
        claims.put("ver", 0);
        claims.put("token_use", "access");
        claims.put("iss", TokenPolicy.DEFAULT_ISSUER);
        claims.put("aud", TokenPolicy.DEFAULT_AUDIENCE);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(Duration.ofDays(1)).getEpochSecond());
        edit.accept(claims);
        return claims;
    }

    private static String signed(Map<String, Object> claims, SecretKey with) {
        return Jwts.builder().claims(claims).signWith(with, Jwts.SIG.HS256).compact();
    }

    private String algNone() {
        String payload = token(c -> { }).split("\\.")[1];
        return base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".";
    }

    /**
     * A token of alice whose payload had its {@code exp} pushed a day later, keeping the old signature. The
     * changed claims pass every other check (see {@link #theTamperedClaimsWouldPassEveryCheckButTheSignature}),
     * so only the signature check can refuse this.
     */
    private String tampered() {
        String[] parts = token(c -> c.put("exp", TAMPERED_FROM)).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String longer = payload.replace("\"exp\":" + TAMPERED_FROM, "\"exp\":" + TAMPERED_TO);
        assertThat(longer).isNotEqualTo(payload);
        return parts[0] + "." + base64(longer) + "." + parts[2];
    }

    private String signature(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static SecretKey randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new SecretKeySpec(bytes, "HmacSHA256");
    }
}
