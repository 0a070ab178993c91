package dev.confab.bench.scenario;

import dev.confab.bench.load.EngineConfig;
import dev.confab.bench.load.LoadEngine;
import dev.confab.bench.load.Stats;
import dev.confab.bench.report.RunResult;
import dev.confab.bench.target.ProcStats;
import dev.confab.bench.target.Target;
import dev.confab.bench.target.TargetProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * S5, connect storm: {@code clients} connections, {@value #IN_FLIGHT} opening at once, against a fresh server.
 * Reports completed upgrades per second, the time to a usable session (for Confab: hello and guest login too),
 * failures, and the kernel's listen-queue drops during the storm. For a target with accounts the same clients
 * then reconnect at once, each presenting the token of its first session, as real clients do after a restart.
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
        try (TargetProcess server = h.start(target, id())) {
            List<String> tokens;
            try (LoadEngine engine = h.engine(server, IN_FLIGHT)) {
                List<Integer> conns = storm(target, h, server, engine, "first connect"
                        + (target.auth() == EngineConfig.Auth.GUEST ? " (guest login)" : ""));
                tokens = engine.receivedTokens(conns);
            }
            if (target.auth() != EngineConfig.Auth.GUEST || tokens.size() != clients) {
                return;
            }
            // The same clients come back, each with the token of its session, as after a server restart or a
            // network outage: no login frame, no new token to sign. Closed sessions leave first.
            try (LoadEngine engine = h.engine(server, IN_FLIGHT, EngineConfig.Auth.TOKEN)) {
                engine.presentTokens(tokens);
                storm(target, h, server, engine, "reconnect with a token");
            }
        }
    }

    private List<Integer> storm(Target target, Harness h, TargetProcess server, LoadEngine engine, String what)
            throws IOException {
        long drops0 = ProcStats.listenDrops();
        double cpu0 = ProcStats.cpuSeconds(server.pid());
        long start = System.nanoTime();
        List<Integer> conns = engine.connect(clients, Duration.ofSeconds(120));
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = ProcStats.cpuSeconds(server.pid()) - cpu0;
        long drops = ProcStats.listenDrops() - drops0;
        Histogram handshake = engine.stats().drain(Stats.Kind.HANDSHAKE);
        Histogram ready = engine.stats().drain(Stats.Kind.READY);
        long ok = engine.stats().ready();
        long failed = engine.stats().connectFailures();
        String headline = String.format(Locale.ROOT,
                "%s: %.0f handshakes/s, %.0f sessions/s; p99 upgrade %.1fms, p99 ready %.1fms; failed %d; "
                        + "listen drops %d; server CPU %.2fs (%.2f ms per connect)",
                what, engine.stats().handshakes() / seconds, ok / seconds, Phase.ms(handshake, 99),
                Phase.ms(ready, 99), failed, drops, cpu, cpu * 1000 / clients);
        long heap = target.jvm() ? ProcStats.heapAfterGc(h.settings().jcmd(), server.pid()).orElse(-1) : -1;
        String rate = IN_FLIGHT + " at once" + (engine.config().auth() == EngineConfig.Auth.TOKEN ? ", token" : "");
        h.record(new RunResult(id(), target.name(), h.settings().mode(), clients, rate, ok,
                clients, ok / seconds, Phase.ms(ready, 50), Phase.ms(ready, 99), Phase.ms(ready, 99.9),
                Phase.maxMs(ready), Double.NaN, heap, ProcStats.rssBytes(server.pid()),
                server.longGcPausesSinceLastCall(10), headline,
                (failed > 0 ? "first problem: " + engine.stats().firstProblem() + "; " : "")
                        + what + "; latency columns: connect start to ready session" + note(h)));
        return conns;
    }

    static String note(Harness h) {
        return h.settings().note().isEmpty() ? "" : "; " + h.settings().note();
    }
}
