package dev.confab.client.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.client.testing.AppUnderTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxToolkit;

/**
 * S9 (benchmarks): the cost of appending 100,000 messages to the message list and of showing it. Left out of the
 * default run (tag {@code benchmark}); see docs/BENCHMARKS.md for the command. Writes its line to the log and to
 * {@code target/benchmarks/s9-append.txt}.
 */
@Tag("benchmark")
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class MessageListBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(MessageListBenchmark.class);
    private static final int MESSAGES = 100_000;
    /** Messages per snapshot: a busy room's burst within one pulse, and the server's history page is 50. */
    private static final int BATCH = 100;
    /** Messages appended one snapshot each, on top of the 100,000. */
    private static final int EACH = 1_000;
    /** Messages appended one per dispatch (a batch of 1: a quiet room's single message), on top of the rest. */
    private static final int SINGLE = 1_000;

    @TempDir
    Path dir;
    private BigRoom room;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() {
        if (room != null) {
            room.close();
        }
    }

    @Test
    void appendsAndShowsAHundredThousandMessages() throws IOException {
        room = BigRoom.open(dir, MESSAGES + EACH + SINGLE);
        long start = System.nanoTime();
        for (int sent = 0; sent < MESSAGES; sent += BATCH) {
            AppUnderTest.fx(() -> {
                room.append(BATCH);
                return null;
            });
        }
        double appendMs = millisSince(start);
        double[] appendApply = AppUnderTest.fx(room::takeApplyMillis);
        await().atMost(AppUnderTest.WAIT).untilAsserted(() -> assertThat(AppUnderTest.fx(() -> room.shows(MESSAGES)))
                .as(() -> AppUnderTest.fx(room::describe)).isTrue());

        long shown = System.nanoTime();
        AppUnderTest.fx(() -> {
            room.reselect();
            return null;
        });
        await().atMost(AppUnderTest.WAIT).pollInterval(java.time.Duration.ofMillis(1))
                .until(() -> AppUnderTest.fx(() -> {
                    room.layout();
                    return room.shows(MESSAGES);
                }));
        double firstLayoutMs = millisSince(shown);

        long each = System.nanoTime();
        for (int sent = 0; sent < EACH; sent += BATCH) {
            AppUnderTest.fx(() -> {
                room.appendEach(BATCH);
                return null;
            });
        }
        double eachMs = millisSince(each);
        double[] eachApply = AppUnderTest.fx(room::takeApplyMillis);
        assertThat(AppUnderTest.fx(() -> room.list().getItems().size())).isEqualTo(MESSAGES + EACH);

        long single = System.nanoTime();
        for (int sent = 0; sent < SINGLE; sent++) {
            AppUnderTest.fx(() -> {
                room.append(1);
                return null;
            });
        }
        double singleMs = millisSince(single);
        double[] singleApply = AppUnderTest.fx(room::takeApplyMillis);
        assertThat(AppUnderTest.fx(() -> room.list().getItems().size())).isEqualTo(MESSAGES + EACH + SINGLE);
        await().atMost(AppUnderTest.WAIT).untilAsserted(() -> assertThat(AppUnderTest.fx(
                () -> room.shows(MESSAGES + EACH + SINGLE))).as(() -> AppUnderTest.fx(room::describe)).isTrue());

        String line = String.format(Locale.ROOT, "S9 append: %d messages, %.0f ms total, %.4f ms/message "
                        + "(view model %.4f ms wall, %.4f ms CPU); first layout %.0f ms; "
                        + "with a snapshot per message at %d (%d per dispatch): %.3f ms/message "
                        + "(view model %.4f wall, %.4f CPU); "
                        + "one message per dispatch (batch of 1) at %d: %.3f ms/message "
                        + "(view model %.4f wall, %.4f CPU)",
                MESSAGES, appendMs, appendMs / MESSAGES, appendApply[0] / MESSAGES, appendApply[1] / MESSAGES,
                firstLayoutMs, MESSAGES, BATCH, eachMs / EACH, eachApply[0] / EACH, eachApply[1] / EACH,
                MESSAGES + EACH, singleMs / SINGLE, singleApply[0] / SINGLE, singleApply[1] / SINGLE);
        LOG.info(line);
        Path out = Path.of("target", "benchmarks", "s9-append.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
