package dev.confab.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written timestamps are the formatter's, for every instant. */
class TimestampsTest {
    @ParameterizedTest
    @ValueSource(strings = {"2026-12-03T13:50:07.089Z", "2026-12-03T23:59:59.999999999Z", "2026-12-04T00:00:00Z",
        "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.001Z", "0001-01-01T00:00:00Z", "0000-12-31T23:59:59.999Z",
        "9999-12-31T23:59:59.999Z", "+10000-01-01T00:00:00Z", "-0001-06-15T12:00:00Z", "2024-02-29T12:34:56.5Z",
        "+99999-12-31T23:59:59.999999999Z", "-9999-01-01T00:00:00Z"})
    void writesWhatTheFormatterWrites(String instant) {
        Instant value = Instant.parse(instant);
        assertThat(Timestamps.format(value)).isEqualTo(Timestamps.FORMAT.format(value));
    }

    @Test
    void writesWhatTheFormatterWritesForRandomInstantsOnAlternatingDays() {
        SplittableRandom random = new SplittableRandom(20261203);
        long min = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond() - 86_400 * 3;
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() + 86_400 * 3;
        Instant today = Instant.parse("2026-12-03T13:50:07.089Z");
        for (int i = 0; i < 20_000; i++) {
            Instant value = Instant.ofEpochSecond(random.nextLong(min, max), random.nextInt(1_000_000_000));
            assertThat(Timestamps.format(value)).isEqualTo(Timestamps.FORMAT.format(value));
            Instant sameDay = today.plusMillis(random.nextInt(36_000_000));
            assertThat(Timestamps.format(sameDay)).isEqualTo(Timestamps.FORMAT.format(sameDay));
        }
    }
}
