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
 * S4, hashrocket's capacity step: one room, {@value #IN_FLIGHT} broadcasts in flight, a fixed number of
 * broadcasts per step, then {@code +step} clients, until the p95 of broadcast-to-last-recipient time passes
 * {@value #LIMIT_P95_MS} ms, a message is lost, or the fd budget ends the climb.
 */
public final class CapacityStep implements Scenario {
    static final int IN_FLIGHT = 4;
    static final double LIMIT_P95_MS = 500;
    static final int JOIN_BUDGET_SECONDS = 120;

    private final int stepClients;
    private final int maxClients;
    private final int broadcasts;

    public CapacityStep(int stepClients, int maxClients, int broadcasts) {
        this.stepClients = stepClients;
        this.maxClients = maxClients;
        this.broadcasts = broadcasts;
    }

    @Override
    public String id() {
        return "S4";
    }

    @Override
    public void run(Target target, Harness h) throws Exception {
        try (TargetProcess server = h.start(target, id()); LoadEngine engine = h.engine(server, 200)) {
            List<Integer> conns = new ArrayList<>();
            int reached = 0;
            String stop = "fd budget reached (" + maxClients + ")";
            while (conns.size() + stepClients <= maxClients) {
                List<Integer> added;
                long joinStart = System.nanoTime();
                try {
                    added = h.connectAll(engine, stepClients);
                    h.joinAll(engine, added, i -> "capacity");
                } catch (IllegalStateException e) {
                    stop = "connect/join failed at " + (conns.size() + stepClients) + ": " + e.getMessage();
                    break;
                }
                conns.addAll(added);
                double joinSeconds = (System.nanoTime() - joinStart) / 1e9;
                Step r = step(h, server, engine, conns);
                if (!r.result().passed()) {
                    stop = "lost messages at " + conns.size();
                    break;
                }
                if (r.p95() < 0 || r.p95() > LIMIT_P95_MS) {
                    stop = "p95 over " + (int) LIMIT_P95_MS + " ms at " + conns.size();
                    break;
                }
                reached = conns.size();
                if (joinSeconds > JOIN_BUDGET_SECONDS) {
                    // Joining costs the server O(members) per join (presence to everyone, member list to the
                    // joiner); past this budget the climb would take longer than the suite can afford.
                    stop = String.format(Locale.ROOT, "adding %d clients took %.0fs (budget %ds) at %d",
                            stepClients, joinSeconds, JOIN_BUDGET_SECONDS, conns.size());
                    break;
                }
            }
            h.record(new RunResult(id(), target.name(), h.settings().mode(), reached, "max clients", 0, 0, 0, -1,
                    -1, -1, -1, Double.NaN, -1, -1, 0, "max clients " + reached, "stopped: " + stop));
        }
    }

    private record Step(RunResult result, double p95) {
    }

    private Step step(Harness h, TargetProcess server, LoadEngine engine, List<Integer> conns) {
        // Senders are taken from one selector thread (even indices), so one window can rotate over them.
        List<Integer> senders = new ArrayList<>();
        for (int i = 0; i < conns.size() && senders.size() < 20; i += 2) {
            senders.add(conns.get(i));
        }
        SendPlan.WindowTracker window = new SendPlan.WindowTracker(broadcasts, conns.size(), IN_FLIGHT);
        long minGap = (long) (1e9 / h.settings().perSenderRate());
        SendPlan plan = new SendPlan.Window(senders.getFirst(), senders, "capacity", broadcasts, minGap, window);
        long expected = (long) broadcasts * conns.size();
        Phase phase = Phase.run(engine, server, List.of(plan), window, expected, Duration.ofSeconds(60),
                Duration.ofSeconds(10));
        double p95 = Phase.ms(phase.rtt(), 95);
        RunResult result = h.report(id(), server, conns.size(), IN_FLIGHT + " in flight", phase,
                String.format(Locale.ROOT, "p95 rtt %.1fms over %d broadcasts", p95, broadcasts), "");
        return new Step(result, p95);
    }
}
