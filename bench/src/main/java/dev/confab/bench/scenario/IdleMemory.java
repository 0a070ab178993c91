package dev.confab.bench.scenario;

import dev.confab.bench.load.LoadEngine;
import dev.confab.bench.report.RunResult;
import dev.confab.bench.target.ProcStats;
import dev.confab.bench.target.Target;
import dev.confab.bench.target.TargetProcess;
import java.util.List;
import java.util.Locale;

/**
 * S6, memory per idle connection with its app state (a session and a room of ten): heap after a full GC and RSS
 * with no client, then with each count in {@code steps}; the slope is the cost of one connection.
 */
public final class IdleMemory implements Scenario {
    private final List<Integer> steps;

    public IdleMemory(List<Integer> steps) {
        this.steps = List.copyOf(steps);
    }

    @Override
    public String id() {
        return "S6";
    }

    @Override
    public void run(Target target, Harness h) throws Exception {
        try (TargetProcess server = h.start(target, id()); LoadEngine engine = h.engine(server, 200)) {
            // One connection through the whole path first, so classes loaded on first use are not counted.
            List<Integer> first = h.connectAll(engine, 1);
            h.joinAll(engine, first, i -> "idle-warm");
            long heap0 = heap(h, server);
            long rss0 = ProcStats.rssBytes(server.pid());
            int open = 1;
            for (int total : steps) {
                int base = open;
                List<Integer> added = h.connectAll(engine, total - open);
                h.joinAll(engine, added, i -> "idle" + ((base + i) / 10));
                open = total;
                long heap = heap(h, server);
                long rss = ProcStats.rssBytes(server.pid());
                double heapKb = heap < 0 ? -1 : (heap - heap0) / 1024.0 / (total - 1);
                double rssKb = (rss - rss0) / 1024.0 / (total - 1);
                String headline = String.format(Locale.ROOT, "heap %s per connection, RSS %.1f KB per connection",
                        heapKb < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f KB", heapKb), rssKb);
                h.record(new RunResult(id(), target.name(), h.settings().mode(), total, "idle", 0, 0, 0, -1, -1, -1,
                        -1, Double.NaN, heap, rss, server.longGcPausesSinceLastCall(10), headline,
                        "rooms of 10; baseline heap " + (heap0 < 0 ? "n/a" : heap0 / 1024 + " KB") + ", RSS "
                                + rss0 / 1024 + " KB" + ConnectStorm.note(h)));
            }
        }
    }

    private static long heap(Harness h, TargetProcess server) {
        return server.target().jvm() ? ProcStats.heapAfterGc(h.settings().jcmd(), server.pid()).orElse(-1) : -1;
    }
}
