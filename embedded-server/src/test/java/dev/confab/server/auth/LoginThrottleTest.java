package dev.confab.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LoginThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T12:00:00Z"));
    private final LoginThrottle throttle = LoginThrottle.create(ThrottlePolicy.defaults(), clock);

    @Test
    void blocksAnAccountAfterFiveFailuresAndRecoversAfterTheWindow() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.tryAcquire("ann", "10.0.0." + i)).isTrue();
            clock.advance(Duration.ofSeconds(5));
        }
        assertThat(throttle.tryAcquire("ann", "10.0.0.99")).isFalse();
        assertThat(throttle.tryAcquire("bob", "10.0.0.99")).isTrue();

        clock.advance(Duration.ofSeconds(36));
        // The first failure (at 0 s) has left the window (now 61 s); four remain, so one more try is allowed.
        assertThat(throttle.tryAcquire("ann", "10.0.0.99")).isTrue();
        assertThat(throttle.tryAcquire("ann", "10.0.0.99")).isFalse();

        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.tryAcquire("ann", "10.0.0.99")).isTrue();
    }

    @Test
    void blocksAnAddressAfterTwentyFailuresAcrossAccounts() {
        for (int i = 0; i < 20; i++) {
            assertThat(throttle.tryAcquire("user" + i, "10.0.0.1")).isTrue();
        }
        assertThat(throttle.tryAcquire("someone-new", "10.0.0.1")).isFalse();
        assertThat(throttle.tryAcquire("someone-new", "10.0.0.2")).isTrue();

        clock.advance(Duration.ofSeconds(61));
        assertThat(throttle.tryAcquire("someone-new", "10.0.0.1")).isTrue();
    }

    @Test
    void aSuccessClearsTheAccountAndReturnsItsAttemptToTheAddress() {
        for (int i = 0; i < 4; i++) {
            throttle.tryAcquire("ann", "10.0.0.1");
        }
        assertThat(throttle.tryAcquire("ann", "10.0.0.1")).isTrue();
        throttle.succeeded("ann", "10.0.0.1");
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.tryAcquire("ann", "10.0.0.2")).isTrue();
        }
        assertThat(throttle.tryAcquire("ann", "10.0.0.3")).isTrue();
        assertThat(throttle.tryAcquire("ann", "10.0.0.3")).isFalse();
    }

    @Test
    void attemptsRunningAtOnceCannotExceedTheLimit() throws Exception {
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            attempts.add(() -> throttle.tryAcquire("ann", "10.0.0.1"));
        }
        int admitted = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Boolean> result : pool.invokeAll(attempts)) {
                admitted += result.get() ? 1 : 0;
            }
        }
        assertThat(admitted).isEqualTo(5);
    }

    @Test
    void memoryStaysBoundedUnderManyNames() {
        LoginThrottle small = LoginThrottle.create(new ThrottlePolicy(Duration.ofMinutes(1), 5, 1_000_000, 100),
                clock);
        for (int i = 0; i < 1000; i++) {
            small.tryAcquire("name" + i, "10.0.0.1");
            assertThat(small.trackedKeys()).isLessThanOrEqualTo(101);
        }
        clock.advance(Duration.ofMinutes(2));
        assertThat(small.tryAcquire("late", "10.0.0.1")).isTrue();
        assertThat(small.trackedKeys()).isLessThanOrEqualTo(101);
    }
}
