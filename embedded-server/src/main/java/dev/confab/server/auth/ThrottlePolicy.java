package dev.confab.server.auth;

import java.time.Duration;

/**
 * How many failed sign-ins are tolerated in a sliding window before further tries are refused with
 * {@code rate_limited}.
 *
 * @param window                the sliding window
 * @param maxFailuresPerAccount failures for one user name (existing or not) within the window
 * @param maxFailuresPerAddress failures from one remote address within the window
 * @param maxTrackedKeys        names and addresses remembered at most; beyond it, stale ones are swept first
 */
public record ThrottlePolicy(Duration window, int maxFailuresPerAccount, int maxFailuresPerAddress,
                             int maxTrackedKeys) {

    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);
    public static final int DEFAULT_MAX_FAILURES_PER_ACCOUNT = 5;
    public static final int DEFAULT_MAX_FAILURES_PER_ADDRESS = 20;
    public static final int DEFAULT_MAX_TRACKED_KEYS = 100_000;

    public ThrottlePolicy {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, not " + window);
        }
        if (maxFailuresPerAccount < 1 || maxFailuresPerAddress < 1 || maxTrackedKeys < 1) {
            throw new IllegalArgumentException("throttle limits must be at least 1");
        }
    }

    public static ThrottlePolicy defaults() {
        return new ThrottlePolicy(DEFAULT_WINDOW, DEFAULT_MAX_FAILURES_PER_ACCOUNT, DEFAULT_MAX_FAILURES_PER_ADDRESS,
                DEFAULT_MAX_TRACKED_KEYS);
    }
}
