package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.testing.RawWebSocket;
import dev.confab.server.testing.TestClient;
import dev.confab.server.testing.TestServer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * R18: many connections and many server lifetimes leave nothing behind: live threads return to their baseline, the
 * heap after a full GC stays near it, and the room and presence maps are empty.
 */
class LeaksTest {
    /** Platform threads that may come and go on their own (JIT, GC, reference handling, the test framework). */
    private static final int THREAD_SLACK = 3;
    /** Loose on purpose, so that the test is deterministic; a leak of 20 KiB per cycle would pass it. */
    private static final long HEAP_SLACK_BYTES = 24L * 1024 * 1024;
    /** Connections of the churn open at the same time (under the per-address cap's default). */
    private static final int CHURN_AT_ONCE = 50;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aThousandReconnectCyclesLeaveNoThreadsMembersOrHeapBehind() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            cycle(server, 50, "warm"); // warm up: pools, classes, JIT
            awaitQuiet(server);
            int threads = liveThreads();
            long heap = heapAfterGc();

            cycle(server, 1_000, "cycler");

            awaitQuiet(server);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(liveThreads())
                    .as("live threads (baseline %d)", threads).isLessThanOrEqualTo(threads + THREAD_SLACK));
            assertThat(heapAfterGc()).as("heap after GC (baseline %d)", heap)
                    .isLessThan(heap + HEAP_SLACK_BYTES);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void fiftyEmbeddedServerLifetimesLeaveNoThreadsBehind() throws Exception {
        lifetimes(3);
        int threads = liveThreads();
        long heap = heapAfterGc();

        lifetimes(50);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(liveThreads())
                .as("live threads (baseline %d)", threads).isLessThanOrEqualTo(threads + THREAD_SLACK));
        assertThat(heapAfterGc()).as("heap after GC (baseline %d)", heap).isLessThan(heap + HEAP_SLACK_BYTES);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void tenThousandConnectionsComingAndGoingLeaveNoThreadsConnectionsOrHeapBehind() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            churn(server, 1_000); // warm up
            awaitQuiet(server);
            int threads = liveThreads();
            long heap = heapAfterGc();

            churn(server, 10_000);

            awaitQuiet(server);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(liveThreads())
                    .as("live threads (baseline %d)", threads).isLessThanOrEqualTo(threads + THREAD_SLACK));
            assertThat(heapAfterGc()).as("heap after GC (baseline %d)", heap)
                    .isLessThan(heap + HEAP_SLACK_BYTES);
        }
    }

    /**
     * R18's churn: connections that upgrade, read their hello and go, {@value #CHURN_AT_ONCE} at a time, each on a
     * virtual thread (not counted as live threads); every other one says goodbye with a close frame, the rest just
     * drop the socket.
     */
    private static void churn(TestServer server, int count) throws Exception {
        Semaphore openAtOnce = new Semaphore(CHURN_AT_ONCE);
        List<Future<?>> connections = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                boolean sayGoodbye = i % 2 == 0;
                openAtOnce.acquire();
                connections.add(pool.submit(() -> {
                    try (RawWebSocket raw = RawWebSocket.open(server)) {
                        if (sayGoodbye) {
                            raw.frame(true, RawWebSocket.CLOSE, 0, new byte[] {0x03, (byte) 0xE8}); // 1000
                        }
                    } finally {
                        openAtOnce.release();
                    }
                    return null;
                }));
            }
            for (Future<?> connection : connections) {
                connection.get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Each cycle: connect, sign in, join, say something now and then, disconnect. */
    private static void cycle(TestServer server, int count, String name) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            TestClient client = new TestClient(server.uri("/ws/general")).open();
            client.next(ServerFrame.Hello.class);
            client.send(new ClientFrame.Login("in", new ClientFrame.Credentials(name + i, null)));
            client.next(ServerFrame.Connected.class);
            client.await(ServerFrame.JoinedRoom.class);
            if (i % 10 == 0) {
                client.send(dev.confab.server.testing.Frames.send("general", "cycle " + i, null));
                client.await(ServerFrame.Message.class);
            }
            client.closeBlocking();
        }
    }

    private void lifetimes(int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            ServerConfig config = TestServer.config(dir.resolve("data")).build();
            try (RunningServer server = ConfabServer.start(config)) {
                TestClient client = new TestClient(URI.create("ws://127.0.0.1:" + server.port() + "/ws/general"))
                        .open();
                client.next(ServerFrame.Hello.class);
                client.send(new ClientFrame.Login("in", new ClientFrame.Credentials("lifer", null)));
                client.next(ServerFrame.Connected.class);
                client.await(ServerFrame.JoinedRoom.class);
                client.closeBlocking();
            }
        }
    }

    private static void awaitQuiet(TestServer server) {
        await().atMost(Duration.ofSeconds(20)).until(() -> server.server().connectionCount() == 0
                && server.server().memberCount() == 0);
    }

    private static int liveThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static long heapAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        // Several rounds: one System.gc() may leave garbage that a finalizer-like cleaner frees only afterwards.
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
