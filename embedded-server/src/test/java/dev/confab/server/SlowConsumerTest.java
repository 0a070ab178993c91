package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.Decoded;
import dev.confab.protocol.FrameCodec;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.testing.Frames;
import dev.confab.server.testing.TestClient;
import dev.confab.server.testing.TestServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * R9: a client that stops reading (a 4 KiB receive buffer, never read) is dropped once its unsent output passes
 * the bound, while three readers in the same room keep getting every message quickly. Measured from outside: when
 * the others hear {@code user_left}, their delivery latency, and the heap after GC.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SlowConsumerTest {
    private static final FrameCodec CODEC = FrameCodec.forClient();
    /** The default bound: a reader that keeps up has about five seconds of slack at this rate. */
    private static final int MAX_QUEUED_BYTES = dev.confab.server.ServerConfigBuilder.MAX_QUEUED_BYTES;
    /** About 1 KiB on the wire each, 200 a second: the R9 load. */
    private static final String PADDING = "x".repeat(1_000);

    @TempDir
    Path dir;

    @Test
    void aReaderThatStopsIsDroppedWhileTheOthersGetEverythingQuickly() throws Exception {
        try (TestServer server = TestServer.start(dir, b -> b.maxQueuedBytes(MAX_QUEUED_BYTES))) {
            TimingReader publisher = reader(server, "alice");
            List<TimingReader> readers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                readers.add(reader(server, "reader" + i));
            }
            long heapBefore = heapAfterGc();
            AtomicInteger sent = new AtomicInteger();
            try (ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor()) {
                // Paced, not flooding: the point is a steady room, not a rate limit. With a fixed delay, a stall of
                // this loaded machine is not followed by a burst that would look like a slow reader.
                pace.scheduleWithFixedDelay(() -> {
                    int n = sent.incrementAndGet();
                    publisher.send(Frames.send("general", System.nanoTime() + " " + PADDING, "m" + n));
                }, 0, 5, TimeUnit.MILLISECONDS);

                // Control: the same room without a slow reader, on this machine as loaded as it is now.
                await().atMost(Duration.ofSeconds(20)).until(() -> readers.stream()
                        .allMatch(r -> r.latenciesNanos.size() >= 400));
                long control = readers.stream().mapToLong(TimingReader::p99Millis).max().orElseThrow();
                readers.forEach(r -> r.latenciesNanos.clear());

                try (Socket slow = new Socket()) {
                    slow.setReceiveBufferSize(4096);
                    slow.connect(new InetSocketAddress("127.0.0.1", server.server().port()));
                    long joined = System.nanoTime();
                    signInWithoutReading(slow, "slow");
                    await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(10))
                            .until(() -> readers.stream().allMatch(r -> r.slowLeft.getCount() == 0));
                    assertThat(Duration.ofNanos(System.nanoTime() - joined)).as("dropped once its output (kernel "
                            + "buffers, then the bound) filled up").isLessThan(Duration.ofSeconds(40));
                    // A while longer with the slow one gone: the others carry on as before.
                    int at = sent.get();
                    await().atMost(Duration.ofSeconds(20)).until(() -> sent.get() >= at + 200);
                }
                pace.shutdownNow();
                assertThat(pace.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
                assertThat(readers).as("no reader that keeps up was dropped").allMatch(r -> !r.closedYet());
                long total = sent.get();
                for (TimingReader reader : readers) {
                    await().atMost(Duration.ofSeconds(20)).until(() -> reader.seqs.size() >= total);
                    assertThat(reader.seqs).as("%s got every message once", reader.name).isEqualTo(
                            LongStream.rangeClosed(1, total).boxed().collect(Collectors.toSet()));
                    // 100 ms on a quiet machine; on a loaded one, no worse than twice the control phase.
                    assertThat(reader.p99Millis()).as("%s p99 delivery latency in ms (control p99 %d ms)",
                            reader.name, control).isLessThan(Math.max(100, 2 * control));
                }
            }
            long heapAfter = heapAfterGc();
            assertThat(heapAfter - heapBefore).as("heap kept after the slow reader was dropped (bytes)")
                    .isLessThan(8L * 1024 * 1024);
        }
    }

    private static TimingReader reader(TestServer server, String name) {
        TimingReader reader = server.track(new TimingReader(server.uri("/ws/general"), name));
        reader.open();
        reader.next(ServerFrame.Hello.class);
        reader.send(new ClientFrame.Login("in", new ClientFrame.Credentials(name, null)));
        reader.next(ServerFrame.Connected.class);
        reader.await(ServerFrame.JoinedRoom.class);
        return reader;
    }

    /** Upgrades and signs in with raw bytes on {@code /ws/general}, then never reads again. */
    private static void signInWithoutReading(Socket socket, String name) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(("GET /ws/general HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 101");
        byte[] payload = CODEC.encode(new ClientFrame.Login(null, new ClientFrame.Credentials(name, null)))
                .getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) 0x81; // FIN, text
        frame[1] = (byte) (0x80 | payload.length); // masked (with a zero mask), short length
        System.arraycopy(payload, 0, frame, 6, payload.length);
        out.write(frame);
        out.flush();
    }

    private static long heapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** A client that keeps only the seq and the delivery latency of each message, and queues every other frame. */
    static final class TimingReader extends TestClient {
        final String name;
        final Set<Long> seqs = ConcurrentHashMap.newKeySet();
        final List<Long> latenciesNanos = new CopyOnWriteArrayList<>();
        final java.util.concurrent.CountDownLatch slowLeft = new java.util.concurrent.CountDownLatch(1);

        TimingReader(URI uri, String name) {
            super(uri);
            this.name = name;
        }

        @Override
        public void onMessage(String message) {
            long now = System.nanoTime();
            if (CODEC.decodeServer(message) instanceof Decoded.Ok<ServerFrame> ok
                    && ok.frame() instanceof ServerFrame.Message chat && chat.data().content() != null) {
                String content = chat.data().content();
                latenciesNanos.add(now - Long.parseLong(content.substring(0, content.indexOf(' '))));
                seqs.add(chat.data().seq());
                return;
            }
            if (CODEC.decodeServer(message) instanceof Decoded.Ok<ServerFrame> ok
                    && ok.frame() instanceof ServerFrame.UserLeft left && left.data().username().equals("slow")) {
                slowLeft.countDown();
            }
            super.onMessage(message);
        }

        long p99Millis() {
            List<Long> sorted = new ArrayList<>(latenciesNanos);
            Collections.sort(sorted);
            return TimeUnit.NANOSECONDS.toMillis(sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1));
        }
    }
}
