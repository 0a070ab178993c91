package dev.confab.bench.scenario;

import dev.confab.bench.load.LoadEngine;
import dev.confab.bench.load.SendPlan;
import dev.confab.bench.target.HistorySeed;
import dev.confab.bench.target.Target;
import dev.confab.bench.target.TargetProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * S8, history query latency with a large store (Confab only). The store is seeded straight into the server's
 * SQLite file ({@link HistorySeed}): {@code seedRooms} rooms of {@code stored / seedRooms} messages. Then query
 * clients, each joined to {@value #ROOMS_PER_QUERIER} of those rooms, ask open-loop for "50 messages before a
 * random seq".
 */
public final class HistoryQuery implements Scenario {
    static final int ROOMS_PER_QUERIER = 20;

    private final int stored;
    private final int seedRooms;
    private final int queriesPerSecond;

    public HistoryQuery(int stored, int seedRooms, int queriesPerSecond) {
        this.stored = stored;
        this.seedRooms = seedRooms;
        this.queriesPerSecond = queriesPerSecond;
    }

    @Override
    public String id() {
        return "S8";
    }

    @Override
    public boolean appliesTo(Target target) {
        return target.durable();
    }

    @Override
    public void run(Target target, Harness h) throws Exception {
        int perRoom = stored / seedRooms;
        // The first start creates and migrates the database; the seed goes in while no server has it open.
        Path dataDir;
        try (TargetProcess first = h.start(target, id())) {
            dataDir = first.dataDir();
        }
        long seedStart = System.nanoTime();
        HistorySeed.seed(dataDir, "h", seedRooms, perRoom);
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        try (TargetProcess server = h.start(target, id()); LoadEngine engine = h.engine(server, 200)) {
            int queryClients = h.sendersFor(queriesPerSecond);
            List<Integer> queriers = h.connectAll(engine, queryClients);
            // Each query client joins its own few rooms: joining many at once would trip the per-connection
            // frame rate limit (a burst of 40), which is not what this scenario measures.
            Map<Integer, List<String>> rooms = new HashMap<>();
            for (int q = 0; q < queryClients; q++) {
                List<String> mine = new ArrayList<>();
                for (int k = 0; k < ROOMS_PER_QUERIER; k++) {
                    mine.add("h" + ((q * ROOMS_PER_QUERIER + k) % seedRooms));
                }
                rooms.put(queriers.get(q), mine);
            }
            engine.join(rooms, Duration.ofSeconds(60));
            engine.awaitQuiet(Duration.ofMillis(1500), Duration.ofSeconds(30));
            // A discarded warm-up first, as in the other scenarios: without it the measured phase ran the server's
            // history path and the generator's reads cold (interpreted, compiled meanwhile on the same 2 cores).
            queries(engine, server, queriers, rooms, perRoom, h.settings().warmup());
            Phase phase = queries(engine, server, queriers, rooms, perRoom, h.settings().step());
            String headline = String.format(Locale.ROOT, "history p50 %.3fms p99 %.3fms p99.9 %.3fms at %d "
                    + "queries/s; %,d messages in %d rooms, seeded into the file in %.1fs",
                    Phase.ms(phase.rtt(), 50), Phase.ms(phase.rtt(), 99), Phase.ms(phase.rtt(), 99.9),
                    queriesPerSecond, (long) perRoom * seedRooms, seedRooms, seedSeconds);
            h.report(id(), server, queryClients, queriesPerSecond + " queries/s", phase, phase.rtt(),
                    headline, "latency columns: history request to reply; delivered = replies");
        }
    }

    private Phase queries(LoadEngine engine, TargetProcess server, List<Integer> queriers,
                          Map<Integer, List<String>> rooms, int perRoom, Duration length) {
        List<SendPlan> plans = plans(queriers, rooms, perRoom, queriesPerSecond, length);
        int total = plans.stream().mapToInt(p -> ((SendPlan.Queries) p).count()).sum();
        return Phase.run(engine, server, plans, null, total, length, Duration.ofSeconds(15));
    }

    /**
     * Each client's queries, the clients' first ones spread evenly over one period (as the other open-loop
     * scenarios spread their senders): started together, every period brought all clients' queries at the same
     * instant, and each waited for the others ahead of it in that burst (S8 measured bursts of 7 at 14 per second
     * instead of 100 queries a second, docs/BENCHMARKS.md).
     */
    static List<SendPlan> plans(List<Integer> queriers, Map<Integer, List<String>> rooms, int perRoom,
                                int queriesPerSecond, Duration length) {
        double perClient = (double) queriesPerSecond / queriers.size();
        long qPeriod = (long) (1e9 / perClient);
        int count = (int) Math.max(1, Math.round(perClient * length.toSeconds()));
        List<SendPlan> plans = new ArrayList<>();
        for (int i = 0; i < queriers.size(); i++) {
            int querier = queriers.get(i);
            plans.add(new SendPlan.Queries(querier, rooms.get(querier), perRoom, qPeriod,
                    qPeriod * i / queriers.size(), count));
        }
        return plans;
    }
}
