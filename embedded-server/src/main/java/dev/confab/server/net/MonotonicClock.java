package dev.confab.server.net;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock for deadlines and intervals only: the wall time when it was made plus {@link System#nanoTime()} since.
 * The system's wall clock can be stepped (NTP, or a virtual machine's clock set from its host): in a benchmark run
 * it jumped about 12 s ahead during a connect storm, every connection then in flight looked older than the 10 s
 * handshake and sign-in deadlines, and the next housekeeping round cut dozens of healthy ones. This clock never
 * steps, so a connection is cut only after it really had its time. Its readings are not dates: timestamps sent to
 * clients and token expiry stay on the wall clock. Never 0, so that 0 can still mean "not yet".
 */
public final class MonotonicClock extends Clock {
    private final long startMillis;
    private final long startNanos;
    private final ZoneId zone;

    private MonotonicClock(long startMillis, long startNanos, ZoneId zone) {
        this.startMillis = startMillis;
        this.startNanos = startNanos;
        this.zone = zone;
    }

    /** A monotonic clock that reads the wall time now. */
    public static MonotonicClock start() {
        return new MonotonicClock(System.currentTimeMillis(), System.nanoTime(), ZoneOffset.UTC);
    }

    @Override
    public long millis() {
        return startMillis + (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(startMillis).plusNanos(System.nanoTime() - startNanos);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new MonotonicClock(startMillis, startNanos, other);
    }
}
