package dev.confab.server.session;

import java.time.Clock;

/**
 * Frames per second of one connection: a token bucket ({@code rate} per second, {@code burst} at once). Every
 * rejected frame costs a strike from a second bucket that refills at one per second; a connection that runs out
 * of strikes is abusive and gets closed.
 */
final class RateLimiter {
    /** What to do with a frame. */
    enum Verdict { ALLOWED, REJECTED, ABUSIVE }

    private final Clock clock;
    private final double ratePerMilli;
    private final int burst;
    private final int strikes;
    private double tokens;
    private double strikesLeft;
    private long refilledAt;

    RateLimiter(Clock clock, int ratePerSecond, int burst, int strikes) {
        this.clock = clock;
        this.ratePerMilli = ratePerSecond / 1000.0;
        this.burst = burst;
        this.strikes = strikes;
        this.tokens = burst;
        this.strikesLeft = strikes;
        this.refilledAt = clock.millis();
    }

    synchronized Verdict acquire() {
        long now = clock.millis();
        long elapsed = Math.max(0, now - refilledAt);
        refilledAt = now;
        tokens = Math.min(burst, tokens + elapsed * ratePerMilli);
        strikesLeft = Math.min(strikes, strikesLeft + elapsed / 1000.0);
        if (tokens >= 1) {
            tokens -= 1;
            return Verdict.ALLOWED;
        }
        strikesLeft -= 1;
        return strikesLeft < 0 ? Verdict.ABUSIVE : Verdict.REJECTED;
    }
}
