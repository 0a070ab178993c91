package dev.confab.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confab.protocol.ErrorCode;
import dev.confab.server.store.DataDirectory;
import dev.confab.server.store.sqlite.SqliteMessageStore;
import dev.confab.server.store.sqlite.StoreConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Row F4: hostile token strings into the token verification path ({@link TokenService#verify}, jjwt and the
 * claim checks behind it, then {@link DefaultAuthenticator#verify} with a real account store). Nothing a client
 * sends may make it throw: the outcome is always a {@link TokenCheck} and an {@link AuthResult}, and without the
 * server's key always the rejection ({@code Rejected}, {@code auth_failed}).
 *
 * <p>The first input byte picks how the rest becomes a token (mod 4):
 * <ol start="0">
 *   <li>as it is (UTF-8);</li>
 *   <li>its lines are header, payload and signature, the first two base64url-encoded (JWT-shaped, unsigned);</li>
 *   <li>its lines are header (default {@code {"alg":"HS256"}}) and payload, signed with the server's own key, so
 *       that hostile claims (mistyped, missing, huge, duplicated) reach the claim checks; an accepted one must
 *       carry what the policy demands;</li>
 *   <li>a real token of alice with the input's bytes XORed in from a position the second byte picks: whatever
 *       it verifies as, it never names anyone but alice.</li>
 * </ol>
 *
 * <p>Regression mode replays {@code src/test/resources/dev/confab/server/auth/TokenFuzzTestInputs/verify/}; a
 * fuzzing run: {@code JAZZER_FUZZ=1 ./mvnw -B -o -pl embedded-server -am test -Dtest=TokenFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false} (see docs/SECURITY.md, Fuzzing).
 */
class TokenFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TokenPolicy POLICY = TokenPolicy.defaults();
    /** Fixed, so that saved inputs with hand-made {@code iat} and {@code exp} mean the same on every replay. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static Path dir;
    private static SqliteMessageStore store;
    private static SecretKey key;
    private static TokenService tokens;
    private static DefaultAuthenticator authenticator;
    private static AuthResult.Success alice;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("confab-token-fuzz");
        Clock clock = CLOCK;
        store = SqliteMessageStore.open(DataDirectory.create(dir), StoreConfig.defaults(), clock);
        AuthConfig config = AuthConfig.defaults().withPasswords(PasswordPolicy.defaults().withCost(64, 1, 1));
        key = SigningKeyFile.loadOrCreate(dir.resolve("token.key"));
        tokens = TokenService.create(key, config.tokens(), clock);
        authenticator = DefaultAuthenticator.create(store.accounts(), PasswordHasher.create(config.passwords()),
                tokens, LoginThrottle.create(config.throttle(), clock), config);
        AuthResult registered = authenticator.register("alice", "correct horse battery staple");
        assertThat(registered).isInstanceOf(AuthResult.Success.class);
        alice = (AuthResult.Success) registered;
        assertThat(authenticator.verify(alice.token().token())).isInstanceOf(AuthResult.Success.class);
    }

    @AfterAll
    static void stop() throws IOException {
        store.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @FuzzTest(maxDuration = "2m")
    void verify(byte[] input) throws IOException, GeneralSecurityException {
        if (input.length == 0) {
            assertRejected("");
            return;
        }
        String rest = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
        String[] lines = rest.split("\n", -1);
        switch (input[0] & 3) {
            case 0 -> assertRejected(rest);
            case 1 -> assertRejected(base64(lines[0]) + "." + base64(line(lines, 1, "")) + "." + line(lines, 2, ""));
            case 2 -> signedWithOurKey(line(lines, 0, "").isEmpty() ? "{\"alg\":\"HS256\"}" : lines[0],
                    line(lines, 1, ""));
            default -> tampered(input);
        }
    }

    private static void assertRejected(String token) {
        assertThat(tokens.verify(token)).as("verify %s", token).isInstanceOf(TokenCheck.Rejected.class);
        assertThat(authenticator.verify(token)).as("authenticate %s", token)
                .isInstanceOfSatisfying(AuthResult.Failure.class,
                        failure -> assertThat(failure.code()).isEqualTo(ErrorCode.AUTH_FAILED));
    }

    private static void signedWithOurKey(String header, String payload) throws IOException,
            GeneralSecurityException {
        String signingInput = base64(header) + "." + base64(payload);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(key);
        String token = signingInput + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        AuthResult result = authenticator.verify(token);
        switch (tokens.verify(token)) {
            case TokenCheck.Rejected rejected -> assertThat(result).isInstanceOfSatisfying(AuthResult.Failure.class,
                    failure -> assertThat(failure.code()).isEqualTo(ErrorCode.AUTH_FAILED));
            case TokenCheck.Valid valid -> {
                // What jjwt and the claim checks let through must carry what the policy demands.
                JsonNode claims = JSON.readTree(payload);
                assertThat(JSON.readTree(header).path("alg").asText()).isEqualTo("HS256");
                assertThat(claims.path("iss").asText()).isEqualTo(POLICY.issuer());
                JsonNode audience = claims.path("aud");
                List<String> audiences = new ArrayList<>();
                if (audience.isArray()) {
                    audience.forEach(one -> audiences.add(one.asText()));
                } else {
                    audiences.add(audience.asText());
                }
                assertThat(audiences).as(payload).contains(POLICY.audience());
                assertThat(claims.path("token_use").asText()).isEqualTo("access");
                assertThat(claims.has("exp") && claims.has("iat") && claims.has("jti")).as(payload).isTrue();
                Instant now = CLOCK.instant();
                assertThat(valid.expiresAt()).isAfter(now.minus(POLICY.clockSkew()).minusSeconds(1))
                        .isBefore(now.plus(POLICY.maxLifetime()).plus(POLICY.clockSkew()).plusSeconds(1));
                if (result instanceof AuthResult.Success success) {
                    assertThat(success.identity().userId()).isEqualTo(valid.claims().userId());
                    assertThat(success.identity().username()).isEqualTo(valid.claims().username());
                }
            }
        }
    }

    private static void tampered(byte[] input) {
        String original = alice.token().token();
        byte[] token = original.getBytes(StandardCharsets.US_ASCII);
        int at = input.length > 1 ? (input[1] & 0xff) * token.length / 256 : 0;
        for (int i = 2; i < input.length && at < token.length; i++, at++) {
            token[at] ^= input[i];
        }
        String text = new String(token, StandardCharsets.ISO_8859_1);
        if (tokens.verify(text) instanceof TokenCheck.Valid valid) {
            assertThat(valid.claims()).as("a changed token of alice").isEqualTo(new TokenClaims(
                    alice.identity().userId(), alice.identity().username(), false, 0));
        }
        if (authenticator.verify(text) instanceof AuthResult.Success success) {
            assertThat(success.identity()).isEqualTo(alice.identity());
        } else {
            assertThat(text).as("alice's own token unchanged is accepted").isNotEqualTo(original);
        }
    }

    private static String line(String[] lines, int index, String otherwise) {
        return lines.length > index ? lines[index] : otherwise;
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
