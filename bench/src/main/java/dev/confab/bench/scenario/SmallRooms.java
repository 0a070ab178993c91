package dev.confab.bench.scenario;

import dev.confab.bench.load.LoadEngine;
import dev.confab.bench.load.SendPlan;
import dev.confab.bench.target.Target;
import dev.confab.bench.target.TargetProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * S3, realistic chat: many rooms of ten, every client sending one message every two seconds, then five and ten
 * times as often. Sends are spread evenly in time across clients.
 */
public final class SmallRooms implements Scenario {
    private final int rooms;
    private final int members;
    private final List<Integer> multipliers;

    public SmallRooms(int rooms, int members, List<Integer> multipliers) {
        this.rooms = rooms;
        this.members = members;
        this.multipliers = List.copyOf(multipliers);
    }

    @Override
    public String id() {
        return "S3";
    }

    @Override
    public void run(Target target, Harness h) throws Exception {
        int clients = rooms * members;
        try (TargetProcess server = h.start(target, id()); LoadEngine engine = h.engine(server, 200)) {
            List<Integer> conns = h.connectAll(engine, clients);
            h.joinAll(engine, conns, i -> room(i));
            step(h, server, engine, conns, multipliers.getFirst(), h.settings().warmup(), false);
            for (int m : multipliers) {
                step(h, server, engine, conns, m, h.settings().step(), true);
            }
        }
    }

    private String room(int i) {
        return "r" + (i % rooms);
    }

    private void step(Harness h, TargetProcess server, LoadEngine engine, List<Integer> conns, int multiplier,
                      Duration length, boolean report) {
        double perClient = 0.5 * multiplier;
        long period = (long) (1e9 / perClient);
        int count = (int) Math.max(1, Math.round(perClient * length.toSeconds()));
        List<SendPlan> plans = new ArrayList<>();
        for (int i = 0; i < conns.size(); i++) {
            plans.add(new SendPlan.OpenLoop(conns.get(i), room(i), period, period * i / conns.size(), count));
        }
        long expected = (long) conns.size() * count * members;
        Phase phase = Phase.run(engine, server, plans, null, expected, length, Duration.ofSeconds(15));
        if (report) {
            double offered = conns.size() * perClient * members;
            h.report(id(), server, conns.size(), String.format(Locale.ROOT, "x%d %.1f/s/client", multiplier,
                    perClient), phase, String.format(Locale.ROOT,
                    "offered %.0f del/s; %d rooms x %d; server CPU %.0f%% of 2 cores", offered, rooms, members,
                    100 * phase.cpuSeconds() / phase.seconds() / 2), "");
        }
    }
}
