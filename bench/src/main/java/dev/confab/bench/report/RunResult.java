package dev.confab.bench.report;

import java.util.List;
import java.util.Locale;

/**
 * One run's figures. Latencies are milliseconds; a negative value means "not measured" and prints as n/a.
 *
 * @param scenario          S1..S8
 * @param target            confab, netty or node
 * @param mode              shared (every core) or pinned (server and generator on separate cores)
 * @param clients           connections open during the run
 * @param rate              what was offered, as text (e.g. {@code 300 msg/s})
 * @param delivered         messages received by clients (each recipient counts once)
 * @param expected          messages that should have been received
 * @param deliveriesPerSec  delivered over the time from the first intended send to the last receipt
 * @param p50               latency percentiles, ms
 * @param p99               ms
 * @param p999              ms
 * @param max               ms
 * @param cpuSecPerMillion  server CPU seconds (user + system) per million deliveries
 * @param heapAfterGcBytes  JVM heap in use after a full GC; -1 for n/a
 * @param rssBytes          server resident set size at the end of the run
 * @param longGcPauses      GC pauses over 10 ms during the run (JVM servers)
 * @param headline          the scenario's own headline figure, e.g. {@code handshakes/s=4210}
 * @param notes             anything a reader needs: under load, errors, stale counts
 */
public record RunResult(String scenario, String target, String mode, int clients, String rate, long delivered,
                        long expected, double deliveriesPerSec, double p50, double p99, double p999, double max,
                        double cpuSecPerMillion, long heapAfterGcBytes, long rssBytes, int longGcPauses,
                        String headline, String notes) {
    /** The column names of the TSV file, in order. */
    public static final List<String> COLUMNS = List.of("scenario", "target", "mode", "clients", "rate", "delivered",
            "expected", "deliveries_per_s", "p50_ms", "p99_ms", "p999_ms", "max_ms", "cpu_s_per_million",
            "heap_after_gc_bytes", "rss_bytes", "gc_pauses_over_10ms", "headline", "notes");

    /** Whether every expected message arrived exactly once. */
    public boolean passed() {
        return switch (DeliveryCheck.verdict(delivered, expected)) {
            case DeliveryCheck.Verdict.Complete complete -> true;
            case DeliveryCheck.Verdict.Lost lost -> false;
            case DeliveryCheck.Verdict.Duplicated duplicated -> false;
        };
    }

    /** One tab-separated row, in {@link #COLUMNS} order. */
    public String toTsv() {
        return String.join("\t", scenario, target, mode, Integer.toString(clients), rate, Long.toString(delivered),
                Long.toString(expected), num(deliveriesPerSec), num(p50), num(p99), num(p999), num(max),
                num(cpuSecPerMillion), Long.toString(heapAfterGcBytes), Long.toString(rssBytes),
                Integer.toString(longGcPauses), clean(headline), clean(notes));
    }

    /** Parses a row written by {@link #toTsv()}. */
    public static RunResult fromTsv(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != COLUMNS.size()) {
            throw new IllegalArgumentException("expected " + COLUMNS.size() + " columns, found " + f.length);
        }
        return new RunResult(f[0], f[1], f[2], Integer.parseInt(f[3]), f[4], Long.parseLong(f[5]),
                Long.parseLong(f[6]), Double.parseDouble(f[7]), Double.parseDouble(f[8]), Double.parseDouble(f[9]),
                Double.parseDouble(f[10]), Double.parseDouble(f[11]), Double.parseDouble(f[12]),
                Long.parseLong(f[13]), Long.parseLong(f[14]), Integer.parseInt(f[15]), f[16], f[17]);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String clean(String text) {
        return text.replace('\t', ' ').replace('\n', ' ');
    }
}
