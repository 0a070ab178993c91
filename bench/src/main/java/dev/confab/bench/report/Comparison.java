package dev.confab.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The side-by-side table: one row per scenario step, one column group per target, and the ratio Confab/peer
 * for throughput and p99 (a throughput ratio above 1 and a p99 ratio below 1 favour Confab).
 */
public final class Comparison {
    private Comparison() {
    }

    /** A Markdown table of {@code results}, rows in first-seen order. */
    public static String markdown(List<RunResult> results, List<String> targets) {
        Map<String, Map<String, RunResult>> rows = new LinkedHashMap<>();
        for (RunResult r : results) {
            String key = r.scenario() + " | " + r.mode() + " | " + r.clients() + " | " + r.rate();
            rows.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(r.target(), r);
        }
        List<String> peers = targets.stream().filter(t -> !t.equals("confab")).toList();
        StringBuilder b = new StringBuilder("| scenario | mode | clients | offered |");
        StringBuilder rule = new StringBuilder("|---|---|---|---|");
        for (String t : targets) {
            b.append(' ').append(t).append(" del/s | ").append(t).append(" p99 |");
            rule.append("---:|---:|");
        }
        if (targets.contains("confab")) {
            for (String p : peers) {
                b.append(" confab/").append(p).append(" del/s | confab/").append(p).append(" p99 |");
                rule.append("---:|---:|");
            }
        }
        b.append('\n').append(rule).append('\n');
        for (Map.Entry<String, Map<String, RunResult>> row : rows.entrySet()) {
            b.append("| ").append(row.getKey()).append(" |");
            for (String t : targets) {
                RunResult r = row.getValue().get(t);
                b.append(' ').append(r == null ? "—" : throughput(r)).append(" | ")
                        .append(r == null ? "—" : ResultLine.millis(r.p99())).append(" |");
            }
            if (targets.contains("confab")) {
                RunResult c = row.getValue().get("confab");
                for (String p : peers) {
                    RunResult o = row.getValue().get(p);
                    b.append(' ').append(ratio(c, o, true)).append(" | ").append(ratio(c, o, false)).append(" |");
                }
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String throughput(RunResult r) {
        String value = r.deliveriesPerSec() > 0 ? ResultLine.grouped(r.deliveriesPerSec()) : r.headline();
        return r.passed() ? value : value + " **FAIL**";
    }

    /** Confab's figure over the peer's, or a dash when either is missing or not measured. */
    static String ratio(RunResult confab, RunResult peer, boolean throughput) {
        if (confab == null || peer == null) {
            return "—";
        }
        double a = throughput ? confab.deliveriesPerSec() : confab.p99();
        double b = throughput ? peer.deliveriesPerSec() : peer.p99();
        if (!(a > 0) || !(b > 0)) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.2f", a / b);
    }

    /** The result lines of a list, for a plain-text dump. */
    public static List<String> lines(List<RunResult> results) {
        List<String> out = new ArrayList<>();
        results.forEach(r -> out.add(ResultLine.format(r)));
        return out;
    }
}
