package dev.confab.server.session;

import dev.confab.protocol.FrameCodec;
import java.time.Clock;
import java.util.concurrent.Executor;

/** What every session of a server shares: codec, clock, executors and per-connection limits. */
record SessionSettings(FrameCodec codec, Clock clock, Executor handlers, Executor closer, int maxQueuedBytes,
                       int framesPerSecond, int frameBurst, int rateLimitStrikes, int joinsPerSecond, int joinBurst,
                       ChatObserver observer) {
}
