package dev.confab.server.auth;

import dev.confab.protocol.Username;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.jspecify.annotations.Nullable;

/**
 * Issues and checks the server's tokens: JWS with HS256 and this server's key. A token carries {@code sub} (user
 * id), {@code name}, {@code guest}, {@code ver} (token version), {@code iss}, {@code aud}, {@code token_use}
 * ({@code access}), {@code iat}, {@code exp} and {@code jti}. Checking refuses, besides what jjwt refuses
 * (bad signature, {@code alg: none}, expired, wrong issuer or audience): tokens over the size limit before any
 * parsing, another algorithm, a missing {@code exp} or {@code iat}, a lifetime over the policy's maximum, another
 * token use, compressed payloads, and missing or mistyped claims.
 */
public final class TokenService {
    static final String NAME = "name";
    static final String GUEST = "guest";
    static final String VERSION = "ver";
    static final String TOKEN_USE = "token_use";
    static final String ACCESS = "access";
    private static final String ALGORITHM = "HS256";

    private final TokenSigner signer;
    private final TokenPolicy policy;
    private final Clock clock;
    private final JwtParser parser;

    private TokenService(SecretKey key, TokenPolicy policy, Clock clock) {
        this.signer = new TokenSigner(key);
        this.policy = policy;
        this.clock = clock;
        this.parser = Jwts.parser()
                .verifyWith(key)
                .requireIssuer(policy.issuer())
                .requireAudience(policy.audience())
                .require(TOKEN_USE, ACCESS)
                .clock(() -> Date.from(clock.instant()))
                .clockSkewSeconds(policy.clockSkew().toSeconds())
                // An emptied set of compression algorithms disables decompression: no zip bombs.
                .zip().clear().and()
                .build();
    }

    public static TokenService create(SecretKey key, TokenPolicy policy, Clock clock) {
        return new TokenService(key, policy, clock);
    }

    /** A new token for these claims, valid for the policy's ttl from now; written by {@link TokenSigner}. */
    public IssuedToken issue(TokenClaims claims) {
        Instant now = clock.instant();
        // JWT times are whole seconds: truncate so that expiresAt is exactly what the token says.
        Instant issuedAt = Instant.ofEpochSecond(now.getEpochSecond());
        Instant expiresAt = issuedAt.plus(policy.ttl());
        String token = signer.sign(claims, policy.issuer(), policy.audience(), issuedAt, expiresAt,
                UUID.randomUUID().toString());
        return new IssuedToken(token, expiresAt);
    }

    /** Checks a token; never throws for anything a client can send. */
    public TokenCheck verify(String token) {
        if (token.length() > policy.maxTokenBytes()
                || token.getBytes(StandardCharsets.UTF_8).length > policy.maxTokenBytes()) {
            return new TokenCheck.Rejected("token longer than " + policy.maxTokenBytes() + " bytes");
        }
        if (token.isBlank()) {
            return new TokenCheck.Rejected("empty token");
        }
        try {
            Jws<Claims> jws = parser.parseSignedClaims(token);
            if (!ALGORITHM.equals(jws.getHeader().getAlgorithm())) {
                return new TokenCheck.Rejected("algorithm " + jws.getHeader().getAlgorithm());
            }
            return checkClaims(jws.getPayload());
        } catch (ExpiredJwtException e) {
            return new TokenCheck.Rejected("expired");
        } catch (JwtException | IllegalArgumentException e) {
            // Includes mistyped claims (RequiredTypeException). jjwt's messages name the problem, never the
            // signature; capped all the same, since they may quote a decoded header or claim.
            return new TokenCheck.Rejected(e.getClass().getSimpleName() + ": " + capped(e.getMessage()));
        }
    }

    private static String capped(@Nullable String message) {
        if (message == null) {
            return "";
        }
        return message.length() <= 160 ? message : message.substring(0, 160) + "…";
    }

    private TokenCheck checkClaims(Claims claims) {
        Date expiration = claims.getExpiration();
        Date issuedAt = claims.getIssuedAt();
        if (expiration == null) {
            // jjwt accepts a token without exp; such a token would never expire.
            return new TokenCheck.Rejected("no exp claim");
        }
        if (issuedAt == null) {
            return new TokenCheck.Rejected("no iat claim");
        }
        Duration lifetime = Duration.between(issuedAt.toInstant(), expiration.toInstant());
        if (lifetime.compareTo(policy.maxLifetime()) > 0) {
            return new TokenCheck.Rejected("lifetime " + lifetime + " over the maximum " + policy.maxLifetime());
        }
        if (issuedAt.toInstant().isAfter(clock.instant().plus(policy.clockSkew()))) {
            return new TokenCheck.Rejected("issued in the future");
        }
        String subject = claims.getSubject();
        String name = claims.get(NAME, String.class);
        Boolean guest = claims.get(GUEST, Boolean.class);
        Integer version = claims.get(VERSION, Integer.class);
        if (subject == null || subject.isBlank() || name == null || guest == null || version == null
                || claims.getId() == null) {
            return new TokenCheck.Rejected("missing sub, name, guest, ver or jti claim");
        }
        // A bad name throws ProtocolViolation, an IllegalArgumentException, which verify turns into a rejection.
        return new TokenCheck.Valid(new TokenClaims(subject, Username.of(name), guest, version),
                expiration.toInstant());
    }
}
