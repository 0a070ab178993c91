package dev.confab.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    private static RunResult run(String target, long delivered, double perSec, double p99) {
        return new RunResult("S1", target, "shared", 1000, "300 msg/s", delivered, 3_000_000, perSec, 4.2, p99,
                88.0, 120.4, 2.5, 48L * 1024 * 1024, 300L * 1024 * 1024, 1, "offered 300000 del/s", "a note");
    }

    @Test
    void deliveryCheckFailsOnASingleLostOrDuplicatedMessage() {
        assertThat(DeliveryCheck.verdict(3_000_000, 3_000_000)).isEqualTo(new DeliveryCheck.Verdict.Complete());
        assertThat(DeliveryCheck.verdict(2_999_999, 3_000_000)).isEqualTo(new DeliveryCheck.Verdict.Lost(1));
        assertThat(DeliveryCheck.verdict(3_000_001, 3_000_000)).isEqualTo(new DeliveryCheck.Verdict.Duplicated(1));
        assertThat(run("confab", 2_999_999, 1, 1).passed()).isFalse();
        assertThat(run("confab", 3_000_000, 1, 1).passed()).isTrue();
        assertThatThrownBy(() -> DeliveryCheck.verdict(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsOneLineWithEveryFigure() {
        String line = ResultLine.format(run("confab", 3_000_000, 212_345.6, 38.24));
        assertThat(line).startsWith("S1  confab shared clients=1000  rate=300 msg/s")
                .contains("3000000/3000000 OK", "212,346 del/s", "p50 4.200ms p99 38.2ms p99.9 88.0ms max 120ms",
                        "cpu 2.50 s/M", "heap 48.0MB rss 300.0MB gc>10ms 1", "offered 300000 del/s", "a note");
        assertThat(ResultLine.format(run("node", 2_999_000, 1, 1))).contains("FAIL lost 1000");
    }

    @Test
    void unmeasuredValuesPrintAsNotAvailable() {
        RunResult r = new RunResult("S6", "node", "shared", 1000, "idle", 0, 0, 0, -1, -1, -1, -1, Double.NaN, -1,
                -1, 0, "", "");
        assertThat(ResultLine.format(r)).contains("p50 n/a p99 n/a", "cpu n/a", "heap n/a rss n/a");
    }

    @Test
    void tsvRowsRoundTrip(@TempDir Path dir) throws Exception {
        RunResult r = run("netty", 3_000_000, 150_000, 12.5);
        Path file = dir.resolve("r.tsv");
        Files.writeString(file, r.toTsv());
        assertThat(RunResult.fromTsv(Files.readString(file))).isEqualTo(r);
    }

    @Test
    void comparisonPutsTargetsSideBySideWithConfabOverPeerRatios() {
        String table = Comparison.markdown(List.of(run("confab", 3_000_000, 200_000, 20),
                run("netty", 3_000_000, 250_000, 10), run("node", 2_000_000, 100_000, 800)),
                List.of("confab", "netty", "node"));
        assertThat(table.lines().toList()).hasSize(3);
        assertThat(table).contains("| S1 | shared | 1000 | 300 msg/s | 200,000 | 20.0ms | 250,000 | 10.0ms |"
                + " 100,000 **FAIL** | 800ms | 0.80 | 2.00 | 2.00 | 0.03 |");
    }

    @Test
    void chartIsAPngOfTheRequestedScenario(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("c.png");
        ChartWriter.write(List.of(run("confab", 3_000_000, 200_000, 20), run("netty", 3_000_000, 250_000, 10)),
                "S1", "test", png);
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
        assertThat(head).containsExactly(0x89, 'P', 'N', 'G');
    }
}
