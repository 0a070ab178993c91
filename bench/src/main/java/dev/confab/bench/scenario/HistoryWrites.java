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
 * S7, history writes through the real durable path (Confab only): every sender alone in its own room, so each
 * message is stored and echoed once; the echo comes after the commit, so send-to-echo is the commit latency.
 * The total rate is stepped; senders stay under the per-connection rate limit.
 */
public final class HistoryWrites implements Scenario {
    private final List<Integer> rates;

    public HistoryWrites(List<Integer> rates) {
        this.rates = List.copyOf(rates);
    }

    @Override
    public String id() {
        return "S7";
    }

    @Override
    public boolean appliesTo(Target target) {
        return target.durable();
    }

    @Override
    public void run(Target target, Harness h) throws Exception {
        int maxSenders = h.sendersFor(rates.stream().mapToInt(Integer::intValue).max().orElse(1));
        try (TargetProcess server = h.start(target, id()); LoadEngine engine = h.engine(server, 200)) {
            List<Integer> conns = h.connectAll(engine, maxSenders);
            h.joinAll(engine, conns, i -> "w" + i);
            step(h, server, engine, conns, rates.getFirst(), h.settings().warmup(), false);
            for (int rate : rates) {
                if (!step(h, server, engine, conns, rate, h.settings().step(), true)) {
                    break;
                }
            }
        }
    }

    private boolean step(Harness h, TargetProcess server, LoadEngine engine, List<Integer> conns, int rate,
                         Duration length, boolean report) {
        int senders = Math.min(conns.size(), h.sendersFor(rate));
        double perSender = (double) rate / senders;
        long period = (long) (1e9 / perSender);
        int count = (int) Math.max(1, Math.round(perSender * length.toSeconds()));
        List<SendPlan> plans = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            plans.add(new SendPlan.OpenLoop(conns.get(s), "w" + s, period, period * s / senders, count));
        }
        long expected = (long) senders * count;
        Phase phase = Phase.run(engine, server, plans, null, expected, length, Duration.ofSeconds(20));
        if (!report) {
            return true;
        }
        String headline = String.format(Locale.ROOT, "%.0f messages/s stored; commit (send to echo) p50 %.2fms "
                + "p99 %.2fms", phase.perSecond(), Phase.ms(phase.echo(), 50), Phase.ms(phase.echo(), 99));
        var result = h.report(id(), server, senders, rate + " msg/s", phase, headline, senders + " rooms of 1");
        return result.passed() && result.p99() < FanOut.KNEE_P99_MS;
    }
}
