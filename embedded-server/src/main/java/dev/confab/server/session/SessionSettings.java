package dev.confab.server.session;

import dev.confab.protocol.FrameCodec;
import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * What every session of a server shares: codec, clocks, executors and per-connection limits. {@code clock} dates
 * what is sent; {@code elapsed} measures deadlines and rates, and is a {@link dev.confab.server.net.MonotonicClock}
 * (a wall clock can step).
 */
record SessionSettings(FrameCodec codec, Clock clock, Clock elapsed, Executor handlers, Executor closer,
                       int maxQueuedBytes, int framesPerSecond, int frameBurst, int rateLimitStrikes,
                       int joinsPerSecond, int joinBurst, ChatObserver observer) {
}
