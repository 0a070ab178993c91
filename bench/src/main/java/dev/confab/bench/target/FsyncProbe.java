package dev.confab.bench.target;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * Measures what one durable commit costs on this disk at least: append 4 KiB and {@code fsync}, 200 times. Confab
 * acknowledges (and broadcasts) a message only after its commit, so this latency is a floor under its p99.
 */
public final class FsyncProbe {
    private FsyncProbe() {
    }

    /** The probe's figures as one line: p50, p90, p99 and max in ms. */
    public static String run(Path dir) throws IOException {
        Path file = Files.createTempFile(dir, "fsync-probe", ".tmp");
        long[] nanos = new long[200];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer block = ByteBuffer.allocate(4096);
            for (int i = 0; i < nanos.length; i++) {
                block.clear();
                ch.write(block);
                long start = System.nanoTime();
                ch.force(false);
                nanos[i] = System.nanoTime() - start;
            }
        } finally {
            Files.deleteIfExists(file);
        }
        Arrays.sort(nanos);
        return String.format(Locale.ROOT, "fsync of 4 KiB: p50 %.2fms p90 %.2fms p99 %.2fms max %.2fms (200 samples)",
                nanos[100] / 1e6, nanos[180] / 1e6, nanos[198] / 1e6, nanos[199] / 1e6);
    }
}
