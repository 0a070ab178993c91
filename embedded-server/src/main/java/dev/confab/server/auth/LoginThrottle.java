package dev.confab.server.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Counts failed sign-ins per account name and per remote address in a sliding window; while either count is at
 * its limit, further tries are refused before any password is hashed. A success clears the account's count (not
 * the address's: one good password must not reset an address that is guessing others). Memory is bounded: a
 * key keeps at most its limit of timestamps, and keys whose window has passed are swept when there are too many.
 */
public final class LoginThrottle {
    private final ThrottlePolicy policy;
    private final Clock clock;
    private final ConcurrentMap<String, Deque<Instant>> accounts = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Deque<Instant>> addresses = new ConcurrentHashMap<>();

    private LoginThrottle(ThrottlePolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    public static LoginThrottle create(ThrottlePolicy policy, Clock clock) {
        return new LoginThrottle(policy, clock);
    }

    /** False when the account or the address has used up its failures for now. */
    public boolean allowed(String accountKey, String address) {
        Instant now = clock.instant();
        return recent(accounts, accountKey, now) < policy.maxFailuresPerAccount()
                && recent(addresses, address, now) < policy.maxFailuresPerAddress();
    }

    /** Records a failed try. */
    public void failed(String accountKey, String address) {
        Instant now = clock.instant();
        record(accounts, accountKey, now, policy.maxFailuresPerAccount());
        record(addresses, address, now, policy.maxFailuresPerAddress());
    }

    /** Records a success for the account. */
    public void succeeded(String accountKey) {
        accounts.remove(accountKey);
    }

    /** Names and addresses remembered now. */
    int trackedKeys() {
        return accounts.size() + addresses.size();
    }

    private int recent(ConcurrentMap<String, Deque<Instant>> map, String key, Instant now) {
        Deque<Instant> failures = map.get(key);
        if (failures == null) {
            return 0;
        }
        synchronized (failures) {
            prune(failures, now);
            return failures.size();
        }
    }

    private void record(ConcurrentMap<String, Deque<Instant>> map, String key, Instant now, int limit) {
        if (map.size() >= policy.maxTrackedKeys()) {
            sweep(map, now);
        }
        Deque<Instant> failures = map.computeIfAbsent(key, ignored -> new ArrayDeque<>());
        synchronized (failures) {
            prune(failures, now);
            failures.addLast(now);
            while (failures.size() > limit) {
                failures.removeFirst();
            }
        }
    }

    private void prune(Deque<Instant> failures, Instant now) {
        Instant start = now.minus(policy.window());
        while (!failures.isEmpty() && !failures.peekFirst().isAfter(start)) {
            failures.removeFirst();
        }
    }

    private void sweep(ConcurrentMap<String, Deque<Instant>> map, Instant now) {
        map.entrySet().removeIf(entry -> {
            synchronized (entry.getValue()) {
                prune(entry.getValue(), now);
                return entry.getValue().isEmpty();
            }
        });
        if (map.size() >= policy.maxTrackedKeys()) {
            // Every key is still in its window: forget all rather than grow without bound. Under such a flood the
            // per-address limit of the remaining keys matters less than the server's memory.
            map.clear();
        }
    }
}
