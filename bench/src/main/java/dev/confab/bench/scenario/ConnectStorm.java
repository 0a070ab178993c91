package dev.confab.bench.scenario;

import dev.confab.bench.load.LoadEngine;
import dev.confab.bench.load.Stats;
import dev.confab.bench.report.RunResult;
import dev.confab.bench.target.ProcStats;
import dev.confab.bench.target.Target;
import dev.confab.bench.target.TargetProcess;
import java.time.Duration;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * S5, connect storm: {@code clients} connections, {@value #IN_FLIGHT} opening at once, against a fresh server.
 * Reports completed upgrades per second, the time to a usable session (for Confab: hello and guest login too),
 * failures, and the kernel's listen-queue drops during the storm.
 */
public final class ConnectStorm implements Scenario {
    static final int IN_FLIGHT = 200;

    private final int clients;

    public ConnectStorm(int clients) {
        this.clients = clients;
    }

    @Override
    public String id() {
        return "S5";
    }

    @Override
    public void run(Target target, Harness h) throws Exception {
        try (TargetProcess server = h.start(target, id()); LoadEngine engine = h.engine(server, IN_FLIGHT)) {
            long drops0 = ProcStats.listenDrops();
            double cpu0 = ProcStats.cpuSeconds(server.pid());
            long start = System.nanoTime();
            engine.connect(clients, Duration.ofSeconds(120));
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = ProcStats.cpuSeconds(server.pid()) - cpu0;
            long drops = ProcStats.listenDrops() - drops0;
            Histogram handshake = engine.stats().drain(Stats.Kind.HANDSHAKE);
            Histogram ready = engine.stats().drain(Stats.Kind.READY);
            long ok = engine.stats().ready();
            long failed = engine.stats().connectFailures();
            String headline = String.format(Locale.ROOT,
                    "%.0f handshakes/s, %.0f sessions/s; p99 upgrade %.1fms, p99 ready %.1fms; failed %d; "
                            + "listen drops %d; server CPU %.2fs",
                    engine.stats().handshakes() / seconds, ok / seconds, Phase.ms(handshake, 99),
                    Phase.ms(ready, 99), failed, drops, cpu);
            long heap = target.jvm() ? ProcStats.heapAfterGc(h.settings().jcmd(), server.pid()).orElse(-1) : -1;
            h.record(new RunResult(id(), target.name(), h.settings().mode(), clients, IN_FLIGHT + " at once", ok,
                    clients, ok / seconds, Phase.ms(ready, 50), Phase.ms(ready, 99), Phase.ms(ready, 99.9),
                    Phase.maxMs(ready), Double.NaN, heap, ProcStats.rssBytes(server.pid()),
                    server.longGcPausesSinceLastCall(10), headline,
                    (failed > 0 ? "first problem: " + engine.stats().firstProblem() + "; " : "")
                            + "latency columns: connect start to ready session" + note(h)));
        }
    }

    static String note(Harness h) {
        return h.settings().note().isEmpty() ? "" : "; " + h.settings().note();
    }
}
