package dev.confab.bench.scenario;

import dev.confab.bench.load.LoadEngine;
import dev.confab.bench.load.SendPlan;
import dev.confab.bench.load.Stats;
import dev.confab.bench.target.ProcStats;
import dev.confab.bench.target.TargetProcess;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * One measured phase: installs the send plans, waits until every expected delivery arrived (or the time is up),
 * and takes the figures: deliveries, latency histograms, server CPU over exactly this interval.
 *
 * @param delivered      deliveries counted in this phase
 * @param expected       deliveries that should have arrived
 * @param seconds        from the first intended send to the last receipt
 * @param latency        per-recipient latency from intended send time, microseconds
 * @param echo           the sender's own copy: send to stored-and-echoed, microseconds
 * @param rtt            windowed broadcast completion or query round trips, microseconds
 * @param cpuSeconds     server CPU used during the phase
 * @param generatorCpuSeconds the load generator's own CPU during the phase, to show it was not the bottleneck
 * @param errors         error frames received
 * @param closed         connections the server closed during the phase
 * @param stale          deliveries of earlier phases that arrived late
 * @param problem        the first problem the generator saw, or empty
 */
public record Phase(long delivered, long expected, double seconds, Histogram latency, Histogram echo,
                    Histogram rtt, double cpuSeconds, double generatorCpuSeconds, long errors, long closed, long stale,
                    String problem, Map<String, Double> cpuParts) {

    /** Runs a phase; {@code sendTime} is how long the plans take to send, {@code drain} how long to wait after. */
    public static Phase run(LoadEngine engine, TargetProcess server, List<SendPlan> plans,
                            SendPlan.@Nullable WindowTracker window, long expected, Duration sendTime,
                            Duration drain) {
        Stats s = engine.stats();
        long delivered0 = s.delivered();
        long replies0 = s.historyReplies();
        long errors0 = s.errors();
        long closed0 = s.closedByServer();
        long stale0 = s.stale();
        Map<String, Double> parts0 = server.cpuSecondsByPart();
        long self = ProcessHandle.current().pid();
        double gen0 = ProcStats.cpuSeconds(self);
        long start = System.nanoTime();
        engine.startPhase(plans, window);
        long deadline = start + sendTime.toNanos() + drain.toNanos();
        long sendEnd = start + sendTime.toNanos();
        LoadEngine.await(() -> {
            long got = s.delivered() - delivered0 + s.historyReplies() - replies0;
            long now = System.nanoTime();
            boolean stalled = now > sendEnd && now - s.lastReceiveNanos() > Duration.ofSeconds(3).toNanos();
            return got >= expected || stalled || now > deadline;
        }, sendTime.plus(drain).plusSeconds(1));
        // A short grace period catches duplicates that would arrive right after the last expected delivery.
        LoadEngine.await(() -> false, Duration.ofMillis(200));
        Map<String, Double> parts = new TreeMap<>();
        server.cpuSecondsByPart().forEach((part, seconds) -> parts.put(part, seconds - parts0.getOrDefault(part, 0.0)));
        double cpu = parts.values().stream().mapToDouble(Double::doubleValue).sum();
        double gen = ProcStats.cpuSeconds(self) - gen0;
        long delivered = s.delivered() - delivered0 + s.historyReplies() - replies0;
        double seconds = Math.max(1e-3, (s.lastReceiveNanos() - start) / 1e9);
        return new Phase(delivered, expected, seconds, s.drain(Stats.Kind.LATENCY), s.drain(Stats.Kind.ECHO),
                s.drain(Stats.Kind.RTT), cpu, gen, s.errors() - errors0, s.closedByServer() - closed0,
                s.stale() - stale0, s.firstProblem(), parts);
    }

    /** Deliveries per second over the phase. */
    public double perSecond() {
        return delivered / seconds;
    }

    /** Server CPU seconds per million deliveries. */
    public double cpuPerMillion() {
        return delivered == 0 ? Double.NaN : cpuSeconds / (delivered / 1e6);
    }

    /** A percentile of a microsecond histogram, in milliseconds; -1 when it is empty. */
    public static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? -1 : h.getValueAtPercentile(percentile) / 1000.0;
    }

    /** The largest value of a microsecond histogram, in milliseconds; -1 when empty. */
    public static double maxMs(Histogram h) {
        return h.getTotalCount() == 0 ? -1 : h.getMaxValue() / 1000.0;
    }

    /** What went wrong, for the notes column; empty when nothing did. */
    public String trouble() {
        StringBuilder b = new StringBuilder();
        if (delivered > 0) {
            b.append(String.format(Locale.ROOT, "generator cpu %.2f s/M ", generatorCpuSeconds / (delivered / 1e6)));
        }
        if (cpuParts.size() > 1 && delivered > 0) {
            // Where a cluster's CPU goes: its nodes, Redis, PostgreSQL (the server cpu column is their sum).
            b.append("cpu s/M by part:");
            cpuParts.forEach((part, seconds) -> b.append(String.format(Locale.ROOT, " %s %.2f", part,
                    seconds / (delivered / 1e6))));
            b.append(' ');
        }
        if (errors > 0) {
            b.append("errors=").append(errors).append(' ');
        }
        if (closed > 0) {
            b.append("closed=").append(closed).append(' ');
        }
        if (stale > 0) {
            b.append("late-from-earlier-phase=").append(stale).append(' ');
        }
        if ((errors > 0 || closed > 0 || delivered != expected) && !problem.isEmpty()) {
            b.append("first problem: ").append(problem);
        }
        return b.toString().trim();
    }
}
