package dev.confab.bench.report;

import java.util.Locale;

/** The one human-readable line a run prints. */
public final class ResultLine {
    private ResultLine() {
    }

    /** Formats a run as one line: scenario, target, clients, rate, delivery check, throughput, latency, cost. */
    public static String format(RunResult r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-3s %-6s %-6s clients=%-5d rate=%-14s %d/%d %s", r.scenario(),
                r.target(), r.mode(), r.clients(), r.rate(), r.delivered(), r.expected(),
                DeliveryCheck.describe(DeliveryCheck.verdict(r.delivered(), r.expected()))));
        b.append(String.format(Locale.ROOT, " | %s del/s | p50 %s p99 %s p99.9 %s max %s",
                grouped(r.deliveriesPerSec()), millis(r.p50()), millis(r.p99()), millis(r.p999()), millis(r.max())));
        b.append(" | cpu ").append(Double.isNaN(r.cpuSecPerMillion()) || r.cpuSecPerMillion() < 0 ? "n/a"
                : String.format(Locale.ROOT, "%.2f s/M", r.cpuSecPerMillion()));
        b.append(" | heap ").append(r.heapAfterGcBytes() < 0 ? "n/a" : mebibytes(r.heapAfterGcBytes()));
        b.append(" rss ").append(r.rssBytes() < 0 ? "n/a" : mebibytes(r.rssBytes()));
        b.append(" gc>10ms ").append(r.longGcPauses());
        if (!r.headline().isEmpty()) {
            b.append(" | ").append(r.headline());
        }
        if (!r.notes().isEmpty()) {
            b.append(" | ").append(r.notes());
        }
        return b.toString();
    }

    /** Milliseconds with sensible precision: 0.412ms, 12.3ms, 1234ms; n/a when not measured. */
    public static String millis(double ms) {
        if (Double.isNaN(ms) || ms < 0) {
            return "n/a";
        }
        if (ms < 10) {
            return String.format(Locale.ROOT, "%.3fms", ms);
        }
        if (ms < 100) {
            return String.format(Locale.ROOT, "%.1fms", ms);
        }
        return String.format(Locale.ROOT, "%.0fms", ms);
    }

    /** A count with thousands separators: 212,345. */
    public static String grouped(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    /** Bytes as MiB with one decimal. */
    public static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1fMB", bytes / (1024.0 * 1024.0));
    }
}
