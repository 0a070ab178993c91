package dev.confab.bench.scenario;

import dev.confab.bench.load.LoadEngine;
import dev.confab.bench.load.SendPlan;
import dev.confab.bench.target.Target;
import dev.confab.bench.target.TargetProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * S8, history query latency with a large store (Confab only). The store is seeded through the protocol itself:
 * {@code seedRooms} senders, each alone in its room, send {@code stored / seedRooms} messages each. Then query
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
        try (TargetProcess server = h.start(target, id()); LoadEngine engine = h.engine(server, 200)) {
            List<Integer> seeders = h.connectAll(engine, seedRooms);
            h.joinAll(engine, seeders, i -> "h" + i);
            int perRoom = stored / seedRooms;
            long seedStart = System.nanoTime();
            // Half the usual per-connection rate: a refused message is sent again, and the resends must stay under
            // the server's per-connection frame limit too.
            double rate = h.settings().perSenderRate() / 2;
            long period = (long) (1e9 / rate);
            List<SendPlan> seed = new ArrayList<>();
            for (int i = 0; i < seedRooms; i++) {
                seed.add(new SendPlan.OpenLoop(seeders.get(i), "h" + i, period, period * i / seedRooms, perRoom));
            }
            Duration seedTime = Duration.ofSeconds((long) Math.ceil(perRoom / rate) + 1);
            engine.retryBusy(true);
            Phase seeded = Phase.run(engine, server, seed, null, (long) perRoom * seedRooms, seedTime,
                    Duration.ofSeconds(60));
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
            engine.retryBusy(false);
            long retried = engine.stats().retried();
            if (seeded.delivered() != seeded.expected()) {
                h.report(id(), server, seedRooms, "seeding", seeded, "seeding lost messages", "");
                return;
            }
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
            double perClient = (double) queriesPerSecond / queryClients;
            long qPeriod = (long) (1e9 / perClient);
            int count = (int) Math.round(perClient * h.settings().step().toSeconds());
            List<SendPlan> plans = new ArrayList<>();
            for (int i = 0; i < queryClients; i++) {
                plans.add(new SendPlan.Queries(queriers.get(i), rooms.get(queriers.get(i)), perRoom, qPeriod, count));
            }
            Phase phase = Phase.run(engine, server, plans, null, (long) count * queryClients, h.settings().step(),
                    Duration.ofSeconds(15));
            String headline = String.format(Locale.ROOT, "history p50 %.3fms p99 %.3fms p99.9 %.3fms at %d "
                    + "queries/s; %,d messages stored in %.0fs (%.0f/s, %d busy refusals retried)",
                    Phase.ms(phase.rtt(), 50), Phase.ms(phase.rtt(), 99), Phase.ms(phase.rtt(), 99.9),
                    queriesPerSecond, (long) perRoom * seedRooms, seedSeconds, seeded.perSecond(), retried);
            h.report(id(), server, seedRooms + queryClients, queriesPerSecond + " queries/s", phase, phase.rtt(),
                    headline, "latency columns: history request to reply; delivered = replies");
        }
    }
}
