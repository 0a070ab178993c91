package dev.confab.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-11-21T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();

    @Test
    void allowsABurstThenTheSteadyRate() {
        RateLimiter limiter = new RateLimiter(clock, 2, 3, 10);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire()).isEqualTo(RateLimiter.Verdict.ALLOWED);
        }
        assertThat(limiter.acquire()).isEqualTo(RateLimiter.Verdict.REJECTED);
        clock.advance(Duration.ofMillis(500));
        assertThat(limiter.acquire()).isEqualTo(RateLimiter.Verdict.ALLOWED);
        assertThat(limiter.acquire()).isEqualTo(RateLimiter.Verdict.REJECTED);
    }

    @Test
    void sustainedAbuseRunsOutOfStrikesButOccasionalExcessDoesNot() {
        RateLimiter limiter = new RateLimiter(clock, 1, 1, 3);
        assertThat(limiter.acquire()).isEqualTo(RateLimiter.Verdict.ALLOWED);
        assertThat(limiter.acquire()).isEqualTo(RateLimiter.Verdict.REJECTED);
        assertThat(limiter.acquire()).isEqualTo(RateLimiter.Verdict.REJECTED);
        clock.advance(Duration.ofSeconds(10));
        // Strikes came back with time: a client that slowed down is not punished for its past.
        assertThat(limiter.acquire()).isEqualTo(RateLimiter.Verdict.ALLOWED);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire()).isEqualTo(RateLimiter.Verdict.REJECTED);
        }
        assertThat(limiter.acquire()).isEqualTo(RateLimiter.Verdict.ABUSIVE);
    }
}
