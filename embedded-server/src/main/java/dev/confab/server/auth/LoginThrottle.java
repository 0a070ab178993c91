package dev.confab.server.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limits sign-in attempts per account name and per remote address in a sliding window. An attempt is counted
 * as a failure when it starts ({@link #tryAcquire}) and taken back when it succeeds ({@link #succeeded}), so
 * that many attempts running at once cannot all pass the check before any of them has failed. While either
 * count is at its limit, further tries are refused before any password is hashed. A success clears the account's
 * count (not the address's other failures: one good password must not reset an address that is guessing others).
 * Memory is bounded: a key keeps at most its limit of timestamps, and keys whose window has passed are swept when
 * there are too many. The critical sections are a few map operations, so one lock serves every caller.
 */
public final class LoginThrottle {
    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

    private final ThrottlePolicy policy;
    private final Clock clock;
    private final Map<String, Deque<Instant>> accounts = new HashMap<>();
    private final Map<String, Deque<Instant>> addresses = new HashMap<>();

    private LoginThrottle(ThrottlePolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    public static LoginThrottle create(ThrottlePolicy policy, Clock clock) {
        return new LoginThrottle(policy, clock);
    }

    /**
     * Starts an attempt: false (and nothing counted) when the account or the address has used up its failures
     * for now; otherwise the attempt counts as a failure until {@link #succeeded} says otherwise.
     */
    public synchronized boolean tryAcquire(String accountKey, String address) {
        Instant now = clock.instant();
        if (recent(accounts, accountKey, now) >= policy.maxFailuresPerAccount()
                || recent(addresses, address, now) >= policy.maxFailuresPerAddress()) {
            return false;
        }
        record(accounts, accountKey, now, policy.maxFailuresPerAccount());
        record(addresses, address, now, policy.maxFailuresPerAddress());
        return true;
    }

    /** The attempt succeeded: the account starts afresh, and the address gets this attempt back. */
    public synchronized void succeeded(String accountKey, String address) {
        accounts.remove(accountKey);
        Deque<Instant> failures = addresses.get(address);
        if (failures != null) {
            failures.pollLast();
            if (failures.isEmpty()) {
                addresses.remove(address);
            }
        }
    }

    /** Names and addresses remembered now. */
    synchronized int trackedKeys() {
        return accounts.size() + addresses.size();
    }

    private int recent(Map<String, Deque<Instant>> map, String key, Instant now) {
        Deque<Instant> failures = map.get(key);
        if (failures == null) {
            return 0;
        }
        prune(failures, now);
        return failures.size();
    }

    private void record(Map<String, Deque<Instant>> map, String key, Instant now, int limit) {
        if (map.size() >= policy.maxTrackedKeys() && !map.containsKey(key)) {
            sweep(map, now);
        }
        Deque<Instant> failures = map.computeIfAbsent(key, ignored -> new ArrayDeque<>());
        failures.addLast(now);
        while (failures.size() > limit) {
            failures.removeFirst();
        }
    }

    private void prune(Deque<Instant> failures, Instant now) {
        Instant start = now.minus(policy.window());
        while (!failures.isEmpty() && !failures.peekFirst().isAfter(start)) {
            failures.removeFirst();
        }
    }

    private void sweep(Map<String, Deque<Instant>> map, Instant now) {
        map.values().removeIf(failures -> {
            prune(failures, now);
            return failures.isEmpty();
        });
        if (map.size() >= policy.maxTrackedKeys()) {
            // Every key is inside its window: forget them rather than grow without bound. Such a flood comes from
            // many names or addresses at once, which these per-key limits cannot stop anyway.
            LOG.warn("Sign-in throttle tracks {} keys, all recent; forgetting them", map.size());
            map.clear();
        }
    }
}
