package dev.confab.client.net;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: attempt {@code n} waits a random time between a small floor and
 * {@code min(max, initial * 2^n)}. Jitter spreads a whole office reconnecting after the host's restart.
 */
public record Backoff(Duration initial, Duration max) {
    private static final Duration FLOOR = Duration.ofMillis(200);

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
        }
    }

    /** The usual: from 1 s up to 30 s. */
    public static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /** The upper bound of the wait before attempt {@code attempt} (0-based). */
    public Duration ceiling(int attempt) {
        int shift = Math.min(Math.max(attempt, 0), 30);
        long millis = initial.toMillis() << shift;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }

    /** A random wait before attempt {@code attempt} (0-based), never below a short floor. */
    public Duration delay(int attempt, RandomGenerator random) {
        long ceiling = ceiling(attempt).toMillis();
        long floor = Math.min(FLOOR.toMillis(), ceiling);
        return Duration.ofMillis(floor + random.nextLong(ceiling - floor + 1));
    }
}
