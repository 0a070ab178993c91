package dev.confab.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.protocol.Username;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The server's own token writer against jjwt: the same bytes, and claims that jjwt's parser reads back whole. */
class TokenSignerTest {
    private static final Instant IAT = Instant.parse("2026-11-21T12:00:00Z");
    private static final Instant EXP = IAT.plus(Duration.ofDays(30));

    private final SecretKey key = newKey();
    private final TokenSigner signer = new TokenSigner(key);

    @ParameterizedTest
    @CsvSource({
            "g:ann, Ann, true, 0, confab, confab-chat",
            "u0123456789abcdef, a.b-c_9, false, 7, confab, confab-chat",
            "u42, Zoe, false, 2147483647, elsewhere, other-audience",
    })
    void writesExactlyWhatJjwtsBuilderWrote(String sub, String name, boolean guest, int version, String issuer,
                                            String audience) {
        TokenClaims claims = new TokenClaims(sub, Username.of(name), guest, version);
        String jti = "5f0c6a51-3b7e-4d8e-9f55-8a4f3e2c1b0d";

        String builder = Jwts.builder()
                .subject(sub)
                .claim(TokenService.NAME, name)
                .claim(TokenService.GUEST, guest)
                .claim(TokenService.VERSION, version)
                .claim(TokenService.TOKEN_USE, TokenService.ACCESS)
                .issuer(issuer)
                .audience().add(audience).and()
                .issuedAt(Date.from(IAT))
                .expiration(Date.from(EXP))
                .id(jti)
                .signWith(key, Jwts.SIG.HS256)
                .compact();

        assertThat(signer.sign(claims, issuer, audience, IAT, EXP, jti)).isEqualTo(builder);
    }

    @Test
    void claimTextThatLooksLikeJsonStaysOneClaim() {
        String issuer = "ev\"il\\\",\"token_use\":\"refresh\n\u0001";
        String audience = "a\"],\"aud\":[\"b";
        String token = signer.sign(new TokenClaims("g:ann", Username.of("ann"), true, 0), issuer, audience, IAT,
                EXP, "jti-1");

        Claims claims = Jwts.parser().verifyWith(key).clock(() -> Date.from(IAT)).build()
                .parseSignedClaims(token).getPayload();
        assertThat(claims.getIssuer()).isEqualTo(issuer);
        assertThat(claims.getAudience()).containsExactly(audience);
        assertThat(claims.get(TokenService.TOKEN_USE, String.class)).isEqualTo(TokenService.ACCESS);
        assertThat(claims.keySet()).isEqualTo(Set.of("sub", "name", "guest", "ver", "token_use", "iss", "aud", "iat",
                "exp", "jti"));
    }

    @Test
    void refusesAKeyShorterThan256BitsAsJjwtDid() {
        SecretKey weak = new SecretKeySpec(new byte[31], "HmacSHA256");

        assertThatThrownBy(() -> new TokenSigner(weak)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256 bits");
    }

    @Test
    void eachTokenIsSignedOnItsOwnCopyOfTheMac() {
        TokenClaims ann = new TokenClaims("g:ann", Username.of("ann"), true, 0);
        String first = signer.sign(ann, "confab", "confab-chat", IAT, EXP, "one");
        signer.sign(new TokenClaims("g:bob", Username.of("bob"), true, 0), "confab", "confab-chat", IAT, EXP, "two");

        assertThat(signer.sign(ann, "confab", "confab-chat", IAT, EXP, "one")).isEqualTo(first);
    }

    private static SecretKey newKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Keys.hmacShaKeyFor(bytes);
    }
}
