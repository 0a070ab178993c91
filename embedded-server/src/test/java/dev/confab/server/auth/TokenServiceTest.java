package dev.confab.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.Username;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

class TokenServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final TokenClaims ANN = new TokenClaims("u0123456789abcdef", Username.of("Ann"), false, 3);

    private final MutableClock clock = new MutableClock(NOW);
    private final SecretKey key = newKey();
    private final TokenService tokens = TokenService.create(key, TokenPolicy.defaults(), clock);

    @Test
    void acceptsItsOwnTokenWithEveryClaim() {
        IssuedToken issued = tokens.issue(ANN);

        assertThat(issued.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(tokens.verify(issued.token())).isEqualTo(new TokenCheck.Valid(ANN, issued.expiresAt()));
    }

    @Test
    void rejectsAnExpiredToken() {
        IssuedToken issued = tokens.issue(ANN);
        clock.advance(Duration.ofDays(30).plusMinutes(1));

        assertRejected(tokens.verify(issued.token()), "expired");
    }

    @Test
    void toleratesTheConfiguredClockSkewOnly() {
        IssuedToken issued = tokens.issue(ANN);
        clock.advance(Duration.ofDays(30).plusSeconds(20));
        assertThat(tokens.verify(issued.token())).isInstanceOf(TokenCheck.Valid.class);
    }

    @Test
    void rejectsATamperedPayload() {
        String[] parts = tokens.issue(ANN).token().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = payload.replace("\"Ann\"", "\"Bob\"");
        assertThat(forged).isNotEqualTo(payload);
        String token = parts[0] + "." + base64(forged) + "." + parts[2];

        assertRejected(tokens.verify(token), "Signature");
    }

    @Test
    void rejectsAlgNone() {
        String payload = new String(Base64.getUrlDecoder().decode(tokens.issue(ANN).token().split("\\.")[1]),
                StandardCharsets.UTF_8);
        String token = base64("{\"alg\":\"none\"}") + "." + base64(payload) + ".";

        assertThat(tokens.verify(token)).isInstanceOf(TokenCheck.Rejected.class);
    }

    @Test
    void rejectsATokenSignedWithAnotherKey() {
        TokenService other = TokenService.create(newKey(), TokenPolicy.defaults(), clock);
        assertRejected(tokens.verify(other.issue(ANN).token()), "Signature");
    }

    @Test
    void rejectsAnotherIssuerOrAudience() {
        TokenService otherIssuer = TokenService.create(key, TokenPolicy.defaults().withIssuer("elsewhere"), clock);
        assertRejected(tokens.verify(otherIssuer.issue(ANN).token()), "iss");
        assertRejected(tokens.verify(token(claims -> claims.put("aud", "another-app"))), "aud");
    }

    @Test
    void acceptsAHandMadeTokenWithTheRightClaims() {
        // Proves that the hand-made tokens below fail for the one claim they change, not for another reason.
        assertThat(tokens.verify(token(claims -> { }))).isInstanceOf(TokenCheck.Valid.class);
    }

    @Test
    void rejectsATokenWithoutExpiry() {
        assertRejected(tokens.verify(token(claims -> claims.remove("exp"))), "no exp");
    }

    @Test
    void rejectsATokenWithoutIssuedAt() {
        assertRejected(tokens.verify(token(claims -> claims.remove("iat"))), "no iat");
    }

    @Test
    void rejectsALifetimeOverThePolicy() {
        assertRejected(tokens.verify(token(claims -> claims.put("exp", NOW.plus(Duration.ofDays(365))
                .getEpochSecond()))), "lifetime");
    }

    @Test
    void rejectsAnotherTokenUse() {
        assertRejected(tokens.verify(token(claims -> claims.put(TokenService.TOKEN_USE, "refresh"))), "token_use");
        assertRejected(tokens.verify(token(claims -> claims.remove(TokenService.TOKEN_USE))), "token_use");
    }

    @Test
    void rejectsMistypedOrMissingClaims() {
        assertThat(tokens.verify(token(claims -> claims.put(TokenService.VERSION, "three"))))
                .isInstanceOf(TokenCheck.Rejected.class);
        assertThat(tokens.verify(token(claims -> claims.put(TokenService.NAME, "no spaces allowed"))))
                .isInstanceOf(TokenCheck.Rejected.class);
        assertRejected(tokens.verify(token(claims -> claims.remove("sub"))), "missing");
        assertRejected(tokens.verify(token(claims -> claims.remove(TokenService.GUEST))), "missing");
        assertRejected(tokens.verify(token(claims -> claims.remove("jti"))), "missing");
    }

    @Test
    void rejectsACompressedToken() {
        String compressed = Jwts.builder().subject(ANN.userId()).claim(TokenService.NAME, "Ann")
                .claim(TokenService.GUEST, false).claim(TokenService.VERSION, 3)
                .claim(TokenService.TOKEN_USE, TokenService.ACCESS).issuer(TokenPolicy.DEFAULT_ISSUER)
                .audience().add(TokenPolicy.DEFAULT_AUDIENCE).and().id("j")
                .issuedAt(Date.from(NOW)).expiration(Date.from(NOW.plusSeconds(600)))
                .compressWith(Jwts.ZIP.DEF).signWith(key, Jwts.SIG.HS256).compact();

        assertRejected(tokens.verify(compressed), "decompression is disabled");
    }

    @Test
    void rejectsAnOversizedTokenBeforeParsing() {
        String huge = token(claims -> claims.put("padding", "x".repeat(5000)));
        assertRejected(tokens.verify(huge), "longer than 4096");
    }

    @Test
    void rejectsGarbageWithoutThrowing() {
        String[] garbage = {"", " ", "a.b.c", "....", "eyJ", "x".repeat(100), "a.b", "\u0000.\u0001."};
        for (String token : garbage) {
            assertThat(tokens.verify(token)).as(token).isInstanceOf(TokenCheck.Rejected.class);
        }
    }

    @Test
    void theIssuedTokenHidesItselfInToString() {
        IssuedToken issued = tokens.issue(ANN);
        assertThat(issued.toString()).doesNotContain(issued.token());
    }

    /** A token signed with the right key and every claim right, then changed by {@code edit}. */
    private String token(Consumer<Map<String, Object>> edit) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", ANN.userId());
        claims.put(TokenService.NAME, ANN.username().value());
        claims.put(TokenService.GUEST, false);
        claims.put(TokenService.VERSION, ANN.tokenVersion());
        claims.put(TokenService.TOKEN_USE, TokenService.ACCESS);
        claims.put("iss", TokenPolicy.DEFAULT_ISSUER);
        claims.put("aud", TokenPolicy.DEFAULT_AUDIENCE);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", NOW.getEpochSecond());
        claims.put("exp", NOW.plus(Duration.ofDays(1)).getEpochSecond());
        edit.accept(claims);
        return Jwts.builder().claims(claims).signWith(key, Jwts.SIG.HS256).compact();
    }

    private static void assertRejected(TokenCheck check, String reasonPart) {
        assertThat(check).isInstanceOfSatisfying(TokenCheck.Rejected.class,
                rejected -> assertThat(rejected.reason()).containsIgnoringCase(reasonPart));
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static SecretKey newKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Keys.hmacShaKeyFor(bytes);
    }
}
