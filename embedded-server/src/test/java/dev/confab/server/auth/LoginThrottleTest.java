package dev.confab.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T12:00:00Z"));
    private final LoginThrottle throttle = LoginThrottle.create(ThrottlePolicy.defaults(), clock);

    @Test
    void blocksAnAccountAfterFiveFailuresAndRecoversAfterTheWindow() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.allowed("ann", "10.0.0." + i)).isTrue();
            throttle.failed("ann", "10.0.0." + i);
            clock.advance(Duration.ofSeconds(5));
        }
        assertThat(throttle.allowed("ann", "10.0.0.99")).isFalse();
        assertThat(throttle.allowed("bob", "10.0.0.99")).isTrue();

        clock.advance(Duration.ofSeconds(36));
        // The first failure (at 0 s) has left the window (now 61 s); four remain.
        assertThat(throttle.allowed("ann", "10.0.0.99")).isTrue();
        throttle.failed("ann", "10.0.0.99");
        assertThat(throttle.allowed("ann", "10.0.0.99")).isFalse();

        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.allowed("ann", "10.0.0.99")).isTrue();
    }

    @Test
    void blocksAnAddressAfterTwentyFailuresAcrossAccounts() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("user" + i, "10.0.0.1");
        }
        assertThat(throttle.allowed("someone-new", "10.0.0.1")).isFalse();
        assertThat(throttle.allowed("someone-new", "10.0.0.2")).isTrue();

        clock.advance(Duration.ofSeconds(61));
        assertThat(throttle.allowed("someone-new", "10.0.0.1")).isTrue();
    }

    @Test
    void aSuccessClearsTheAccountButNotTheAddress() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("ann", "10.0.0.1");
        }
        throttle.succeeded("ann");
        for (int i = 0; i < 4; i++) {
            throttle.failed("ann", "10.0.0.2");
        }
        assertThat(throttle.allowed("ann", "10.0.0.3")).isTrue();
    }

    @Test
    void memoryStaysBoundedUnderManyNames() {
        LoginThrottle small = LoginThrottle.create(new ThrottlePolicy(Duration.ofMinutes(1), 5, 1_000_000, 100),
                clock);
        for (int i = 0; i < 1000; i++) {
            small.failed("name" + i, "10.0.0.1");
            assertThat(small.trackedKeys()).isLessThanOrEqualTo(101);
        }
        clock.advance(Duration.ofMinutes(2));
        small.failed("late", "10.0.0.1");
        assertThat(small.allowed("late", "10.0.0.1")).isTrue();
        assertThat(small.trackedKeys()).isLessThanOrEqualTo(101);
    }
}
