package dev.confab.bench.scenario;

import dev.confab.bench.load.LoadEngine;
import dev.confab.bench.load.SendPlan;
import dev.confab.bench.report.RunResult;
import dev.confab.bench.target.Target;
import dev.confab.bench.target.TargetProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * S1 and S2, one room: every client joined, a few senders at a fixed total rate, each message delivered to every
 * member (the sender included). The rate is stepped up until the knee: a step that loses a message or whose p99
 * passes {@link #KNEE_P99_MS} is the last.
 */
public final class FanOut implements Scenario {
    static final double KNEE_P99_MS = 1000;

    private final String id;
    private final int clients;
    private final List<Integer> rates;

    public FanOut(String id, int clients, List<Integer> rates) {
        this.id = id;
        this.clients = clients;
        this.rates = List.copyOf(rates);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void run(Target target, Harness h) throws Exception {
        try (TargetProcess server = h.start(target, id); LoadEngine engine = h.engine(server, 200)) {
            long joinStart = System.nanoTime();
            List<Integer> conns = h.connectAll(engine, clients);
            h.joinAll(engine, conns, i -> "fanout");
            String setup = String.format(Locale.ROOT, "connect+join %.1fs", (System.nanoTime() - joinStart) / 1e9);
            int first = rates.getFirst();
            runStep(h, server, engine, conns, first, h.settings().warmup());
            for (int rate : rates) {
                Phase phase = runStep(h, server, engine, conns, rate, h.settings().step());
                RunResult r = h.report(id, server, clients, rate + " msg/s", phase,
                        "offered " + (long) rate * clients + " del/s", setup);
                if (!r.passed() || r.p99() > KNEE_P99_MS) {
                    break;
                }
            }
        }
    }

    private Phase runStep(Harness h, TargetProcess server, LoadEngine engine, List<Integer> conns, int rate,
                          Duration length) {
        int senders = Math.min(conns.size(), h.sendersFor(rate));
        double perSender = (double) rate / senders;
        long period = (long) (1e9 / perSender);
        int count = (int) Math.max(1, Math.round(perSender * length.toSeconds()));
        List<SendPlan> plans = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            plans.add(new SendPlan.OpenLoop(conns.get(s), "fanout", period, period * s / senders, count));
        }
        long expected = (long) senders * count * conns.size();
        return Phase.run(engine, server, plans, null, expected, length, Duration.ofSeconds(15));
    }
}
