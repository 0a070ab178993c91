package dev.confab.bench.scenario;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a suite runs.
 *
 * @param quick        every scenario briefly (smoke check) instead of the full sizes and durations
 * @param mode         {@code shared} (server and generator on every core) or {@code pinned}
 * @param serverCpus   {@code taskset -c} list for the server; empty in shared mode
 * @param workDir      where logs, GC logs and data directories of this suite go
 * @param jcmd         the jcmd binary, to read a JVM server's heap after a full GC
 * @param bodyChars    characters of message content (100, plus the envelope makes about 180 bytes on the wire)
 * @param perSenderRate the most messages per second one connection sends, under Confab's rate limit (20/s)
 * @param note         added to every result line, e.g. that other work shared the machine
 * @param warmup       traffic discarded before measuring
 * @param step         the length of one measured step
 */
public record Settings(boolean quick, String mode, String serverCpus, Path workDir, Path jcmd, int bodyChars,
                       double perSenderRate, String note, Duration warmup, Duration step) {
    /** The default warm-up: traffic discarded before measuring, so the JIT and caches are warm. */
    public static Duration defaultWarmup(boolean quick) {
        return Duration.ofSeconds(quick ? 2 : 5);
    }

    /** The default length of one measured step. */
    public static Duration defaultStep(boolean quick) {
        return Duration.ofSeconds(quick ? 3 : 10);
    }
}
