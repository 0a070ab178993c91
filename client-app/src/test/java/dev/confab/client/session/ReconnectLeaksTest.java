package dev.confab.client.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.client.net.ChatConnection;
import dev.confab.client.net.ConnectionConfig;
import dev.confab.client.net.ServerAddress;
import dev.confab.client.settings.ReadPositions;
import dev.confab.protocol.FrameCodec;
import dev.confab.protocol.RoomName;
import dev.confab.server.ConfabServer;
import dev.confab.server.RunningServer;
import dev.confab.server.ServerConfig;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * R18 for the app's own layers: the real {@link ChatSession} over the real {@link ChatConnection}, against a real
 * embedded server on loopback, drops its connection and reconnects {@value #CYCLES} times (each cycle a new
 * socket, the token handshake, the re-join of {@code general}). Afterwards the live threads are back to the
 * baseline taken after the first sign-in (the library starts threads per socket: a socket that is not closed
 * keeps them), the heap after GC is near its baseline, the server holds one connection, and the session is still
 * signed in and joined.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReconnectLeaksTest {
    private static final int CYCLES = 1_000;
    /** Platform threads that may come and go on their own (JIT, GC, reference handling, the test framework). */
    private static final int THREAD_SLACK = 3;
    private static final long HEAP_SLACK_BYTES = 16L << 20;

    @TempDir
    Path dir;

    @Test
    void aThousandDropAndReconnectCyclesLeaveNoThreadsSocketsOrHeapBehind() throws Exception {
        RunningServer server = ConfabServer.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .dataDir(dir.resolve("server")).build());
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger signedIn = new AtomicInteger();
        AtomicInteger joined = new AtomicInteger();
        ChatSession session = ChatConnection.create(ServerAddress.of("127.0.0.1", server.port()),
                ConnectionConfig.defaults(), FrameCodec.forClient(), Clock.systemUTC(), new SecureRandom(),
                connection -> ChatSession.create(connection, FileOutbox.open(dir.resolve("outbox.properties")),
                        new NoTokens(), ReadPositions.open(dir.resolve("read.properties"), timers, Duration.ZERO)
                                .forServer("leaks"),
                        event -> {
                            switch (event) {
                                case SessionEvent.SignedIn in -> signedIn.incrementAndGet();
                                case SessionEvent.TimelineChanged timeline
                                        when timeline.room().equals(RoomName.of("general")) ->
                                        joined.incrementAndGet();
                                default -> { }
                            }
                        }, Clock.systemUTC(), SessionConfig.defaults(), timers, "", List.of()));
        try {
            session.start();
            session.signIn(new AuthRequest.Guest("leaky"));
            await().atMost(Duration.ofSeconds(10)).until(() -> signedIn.get() == 1 && joined.get() >= 1);
            int threads = liveThreads();
            long heap = heapAfterGc();

            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                int signedInBefore = signedIn.get();
                int joinedBefore = joined.get();
                // Drops the socket and opens a new one at once: the path of a reconnect, without the backoff.
                session.retryNow();
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2))
                        .until(() -> signedIn.get() > signedInBefore && joined.get() > joinedBefore);
            }

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(server.connectionCount())
                    .as("connections the server still holds").isEqualTo(1));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(liveThreads())
                    .as("live threads (baseline %d)", threads).isLessThanOrEqualTo(threads + THREAD_SLACK));
            assertThat(heapAfterGc()).as("heap after GC (baseline %d)", heap).isLessThan(heap + HEAP_SLACK_BYTES);
            assertThat(session.username()).isEqualTo("leaky");
        } finally {
            session.close();
            timers.shutdownNow();
            server.close();
        }
    }

    private static int liveThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static long heapAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        // Several rounds: one System.gc() may leave garbage that a cleaner frees only afterwards.
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static final class NoTokens implements TokenSink {
        @Override
        public void store(String username, String token) {
            // The connection keeps the token it was given; nothing to persist here.
        }

        @Override
        public void forget() {
            // Nothing stored.
        }
    }
}
