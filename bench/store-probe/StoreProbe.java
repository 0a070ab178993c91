import dev.confab.protocol.ClientId;
import dev.confab.protocol.MessageContent;
import dev.confab.protocol.RoomName;
import dev.confab.server.store.NewMessage;
import dev.confab.server.store.sqlite.SqliteMessageStore;
import dev.confab.server.store.sqlite.StoreConfig;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The SQLite message store alone, in process: no sockets, no JSON, no handler threads. Appends 100-character
 * messages round-robin over ROOMS rooms (S7 puts every sender in a room of its own), offered open loop at RATE per
 * second for SECONDS, or with RATE 0 as fast as the store takes them (60,000 per second given, 9,000 in flight).
 * Two passes; the second is the figure (the first warms the JIT). It tells the store's own ceiling apart from the
 * server's request path. Run from the repository root after packaging the server:
 *
 * <pre>
 * java -cp embedded-server/target/confab-server.jar:$(find ~/.m2 -name 'HdrHistogram-*.jar' | head -1) \
 *     bench/store-probe/StoreProbe.java 334 0 1
 * </pre>
 */
public final class StoreProbe {
    private static final int IN_FLIGHT = 9_000;

    private StoreProbe() {
    }

    public static void main(String[] args) throws Exception {
        int rooms = Integer.parseInt(args[0]);
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        Path dir = Files.createTempDirectory("storeprobe");
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (SqliteMessageStore store = SqliteMessageStore.open(dir.resolve("confab.db"), StoreConfig.defaults(),
                Clock.systemUTC())) {
            for (int r = 0; r < rooms; r++) {
                store.ensureRoom(RoomName.of("w" + r));
            }
            MessageContent body = MessageContent.of("x".repeat(100));
            for (int pass = 0; pass < 2; pass++) {
                Histogram commit = new Histogram(3);
                Semaphore inFlight = new Semaphore(IN_FLIGHT);
                AtomicLong failed = new AtomicLong();
                long total = (long) (rate == 0 ? 60_000 : rate) * seconds;
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                for (long i = 0; i < total; i++) {
                    long due = t0 + (rate == 0 ? 0 : i * 1_000_000_000L / rate);
                    while (System.nanoTime() < due) {
                        Thread.onSpinWait();
                    }
                    inFlight.acquireUninterruptibly();
                    int room = (int) (i % rooms);
                    var message = new NewMessage(RoomName.of("w" + room), "u" + room, "user" + room,
                            ClientId.of("c" + pass + "-" + i), body, null, null, Instant.now());
                    long start = System.nanoTime();
                    store.append(message).whenComplete((result, error) -> {
                        if (error != null) {
                            failed.incrementAndGet();
                        } else {
                            commit.recordValue((System.nanoTime() - start) / 1000);
                        }
                        inFlight.release();
                    });
                }
                inFlight.acquireUninterruptibly(IN_FLIGHT);
                inFlight.release(IN_FLIGHT);
                double elapsed = (System.nanoTime() - t0) / 1e9;
                double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
                System.out.printf("pass %d rooms=%d rate=%d: %d appends in %.2fs = %.0f/s, commit p50 %.2fms "
                        + "p99 %.2fms, failed %d, process cpu %.1f us/append%n", pass, rooms, rate,
                        commit.getTotalCount(), elapsed, commit.getTotalCount() / elapsed,
                        commit.getValueAtPercentile(50) / 1000.0, commit.getValueAtPercentile(99) / 1000.0,
                        failed.get(), cpu / total * 1e6);
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }
}
