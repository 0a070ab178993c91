package dev.confab.bench;

import dev.confab.bench.scenario.CapacityStep;
import dev.confab.bench.scenario.ConnectStorm;
import dev.confab.bench.scenario.FanOut;
import dev.confab.bench.scenario.HistoryQuery;
import dev.confab.bench.scenario.HistoryWrites;
import dev.confab.bench.scenario.IdleMemory;
import dev.confab.bench.scenario.Scenario;
import dev.confab.bench.scenario.SmallRooms;
import java.util.List;

/** The scenario sizes of the full suite and of the quick smoke check. */
final class Suites {
    private Suites() {
    }

    static List<Scenario> full() {
        return List.of(
                new FanOut("S1", 1000, List.of(50, 100, 150, 200, 300, 400, 500)),
                new FanOut("S2", 5000, List.of(10, 20, 30, 40, 60)),
                new SmallRooms(200, 10, List.of(1, 5, 10)),
                new CapacityStep(1000, 9000, 100),
                new ConnectStorm(5000),
                new IdleMemory(List.of(1000, 5000)),
                new HistoryWrites(List.of(5000, 10_000, 25_000, 50_000)),
                new HistoryQuery(1_000_000, 2000, 300));
    }

    static List<Scenario> quick() {
        return List.of(
                new FanOut("S1", 1000, List.of(100, 250)),
                new FanOut("S2", 1500, List.of(20, 50)),
                new SmallRooms(200, 10, List.of(1, 10)),
                new CapacityStep(500, 1000, 40),
                new ConnectStorm(1000),
                new IdleMemory(List.of(1000)),
                new HistoryWrites(List.of(2000, 5000)),
                new HistoryQuery(1_000_000, 2000, 100));
    }
}
