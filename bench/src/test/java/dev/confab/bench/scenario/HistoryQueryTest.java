package dev.confab.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.bench.load.SendPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryQueryTest {
    @Test
    void theClientsQueriesAreSpreadEvenlyOverThePeriodAtTheOfferedRate() {
        List<Integer> queriers = List.of(3, 4, 5, 6, 7, 8, 9);
        Map<Integer, List<String>> rooms = Map.of(3, List.of("h0"), 4, List.of("h1"), 5, List.of("h2"),
                6, List.of("h3"), 7, List.of("h4"), 8, List.of("h5"), 9, List.of("h6"));

        List<SendPlan.Queries> plans = new ArrayList<>();
        HistoryQuery.plans(queriers, rooms, 500, 100, Duration.ofSeconds(3))
                .forEach(p -> plans.add((SendPlan.Queries) p));

        assertThat(plans).extracting(SendPlan.Queries::conn).containsExactlyElementsOf(queriers);
        assertThat(plans).extracting(SendPlan.Queries::rooms).containsExactly(List.of("h0"), List.of("h1"),
                List.of("h2"), List.of("h3"), List.of("h4"), List.of("h5"), List.of("h6"));
        long period = plans.getFirst().periodNanos();
        assertThat(period).isEqualTo(70_000_000L);
        assertThat(plans).allSatisfy(p -> {
            assertThat(p.periodNanos()).isEqualTo(period);
            assertThat(p.count()).isEqualTo(43);
            assertThat(p.lastSeq()).isEqualTo(500);
        });
        // Every query of the phase, due at offset + k * period: one every 10 ms, never two at once.
        List<Long> due = new ArrayList<>();
        for (SendPlan.Queries p : plans) {
            for (int k = 0; k < p.count(); k++) {
                due.add(p.offsetNanos() + k * p.periodNanos());
            }
        }
        due.sort(null);
        for (int i = 1; i < due.size(); i++) {
            assertThat(due.get(i) - due.get(i - 1)).isEqualTo(10_000_000L);
        }
    }
}
