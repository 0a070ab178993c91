package dev.confab.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every {@code comparison.md} under {@code docs/benchmarks/} is what {@code BenchMain compare} makes of the
 * {@code results.tsv} beside it: a row added to the results (a rerun) cannot leave the table behind.
 */
class PublishedComparisonsTest {
    private static final Path BENCHMARKS = Path.of("..", "docs", "benchmarks");

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "quiet-2026-12-03; confab,netty,node",
        "quiet; confab,netty,node",
        "under-load; confab,netty,node",
        "cluster-under-load; confab,cluster-1,cluster-2"})
    void theTableIsGeneratedFromTheResultsBesideIt(String run, String targets) throws IOException {
        Path dir = BENCHMARKS.resolve(run);
        List<RunResult> results = Files.readAllLines(dir.resolve("results.tsv"), StandardCharsets.UTF_8).stream()
                .skip(1).filter(line -> !line.isBlank()).map(RunResult::fromTsv).toList();

        assertThat(Comparison.markdown(results, List.of(targets.split(","))))
                .isEqualTo(Files.readString(dir.resolve("comparison.md"), StandardCharsets.UTF_8));
    }
}
