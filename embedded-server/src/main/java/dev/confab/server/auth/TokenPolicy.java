package dev.confab.server.auth;

import java.time.Duration;

/**
 * How tokens are made and checked.
 *
 * @param issuer        the {@code iss} claim written and required
 * @param audience      the {@code aud} claim written and required
 * @param ttl           how long a new token is accepted
 * @param maxLifetime   a token whose {@code exp - iat} is longer is refused, whatever its signature says
 * @param clockSkew     tolerance for {@code exp} and {@code iat} between clocks
 * @param maxTokenBytes a longer token is refused before it is parsed
 */
public record TokenPolicy(String issuer, String audience, Duration ttl, Duration maxLifetime, Duration clockSkew,
                          int maxTokenBytes) {

    public static final String DEFAULT_ISSUER = "confab";
    public static final String DEFAULT_AUDIENCE = "confab-chat";
    public static final Duration DEFAULT_TTL = Duration.ofDays(30);
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_TOKEN_BYTES = 4096;

    public TokenPolicy {
        if (issuer.isBlank() || audience.isBlank()) {
            throw new IllegalArgumentException("issuer and audience must not be blank");
        }
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(maxLifetime) > 0) {
            throw new IllegalArgumentException("ttl must be positive and at most maxLifetime (" + maxLifetime + ")");
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("clockSkew must be 0..10 minutes, not " + clockSkew);
        }
        if (maxTokenBytes < 256 || maxTokenBytes > 65_536) {
            throw new IllegalArgumentException("maxTokenBytes must be 256..65536, not " + maxTokenBytes);
        }
    }

    public static TokenPolicy defaults() {
        return new TokenPolicy(DEFAULT_ISSUER, DEFAULT_AUDIENCE, DEFAULT_TTL, DEFAULT_TTL, DEFAULT_CLOCK_SKEW,
                DEFAULT_MAX_TOKEN_BYTES);
    }

    public TokenPolicy withIssuer(String value) {
        return new TokenPolicy(value, audience, ttl, maxLifetime, clockSkew, maxTokenBytes);
    }

    public TokenPolicy withTtl(Duration value) {
        return new TokenPolicy(issuer, audience, value, maxLifetime.compareTo(value) < 0 ? value : maxLifetime,
                clockSkew, maxTokenBytes);
    }
}
