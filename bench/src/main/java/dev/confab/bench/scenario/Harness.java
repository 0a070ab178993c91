package dev.confab.bench.scenario;

import dev.confab.bench.load.EngineConfig;
import dev.confab.bench.load.LoadEngine;
import dev.confab.bench.report.RunResult;
import dev.confab.bench.target.ProcStats;
import dev.confab.bench.target.Target;
import dev.confab.bench.target.TargetProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/** What every scenario needs: start a target, open a generator on it, and turn a phase into a result line. */
public final class Harness {
    private final Settings settings;
    private final Consumer<RunResult> sink;
    private int engines;

    public Harness(Settings settings, Consumer<RunResult> sink) {
        this.settings = settings;
        this.sink = sink;
    }

    public Settings settings() {
        return settings;
    }

    /** Starts a fresh instance of {@code target} (new data directory) for one scenario. */
    public TargetProcess start(Target target, String scenario) throws IOException, InterruptedException {
        return TargetProcess.start(target, settings.workDir(), scenario, settings.serverCpus(), Duration.ofSeconds(60));
    }

    /** A generator for {@code server}: two selector threads, {@code maxInFlight} connections opening at once. */
    public LoadEngine engine(TargetProcess server, int maxInFlight) throws IOException {
        return engine(server, maxInFlight, server.target().auth());
    }

    /** The same, signing in with {@code auth} instead of the target's usual way. */
    public LoadEngine engine(TargetProcess server, int maxInFlight, EngineConfig.Auth auth) throws IOException {
        String prefix = "b" + Long.toString(System.nanoTime() % 46_656L, 36) + (engines++) + "x";
        return LoadEngine.create(new EngineConfig("127.0.0.1", server.ports(), "/ws", auth, 2,
                maxInFlight, settings.bodyChars(), prefix));
    }

    /** Connects {@code count} clients and fails loudly unless every one became ready. */
    public List<Integer> connectAll(LoadEngine engine, int count) {
        long failed0 = engine.stats().connectFailures();
        List<Integer> conns = engine.connect(count, Duration.ofSeconds(120));
        long failed = engine.stats().connectFailures() - failed0;
        if (failed > 0) {
            throw new IllegalStateException(failed + " of " + count + " connections failed: "
                    + engine.stats().firstProblem());
        }
        return conns;
    }

    /** Joins each connection to the room {@code roomOf} names, waits for every answer and for presence to settle. */
    public void joinAll(LoadEngine engine, List<Integer> conns, IntFunction<String> roomOf) {
        Map<Integer, List<String>> rooms = new HashMap<>();
        for (int i = 0; i < conns.size(); i++) {
            rooms.put(conns.get(i), List.of(roomOf.apply(i)));
        }
        if (!engine.join(rooms, Duration.ofSeconds(300))) {
            throw new IllegalStateException("not every join was answered: " + engine.stats().firstProblem());
        }
        engine.awaitQuiet(Duration.ofMillis(500), Duration.ofSeconds(300));
    }

    /** Spreads {@code rate} msg/s over as few senders as keep each under the per-connection limit. */
    public int sendersFor(double rate) {
        return (int) Math.max(1, Math.ceil(rate / settings.perSenderRate()));
    }

    /** Turns a phase into a result, prints and records it. */
    public RunResult report(String scenario, TargetProcess server, int clients, String rate, Phase phase,
                            String headline, String extraNotes) {
        return report(scenario, server, clients, rate, phase, phase.latency(), headline, extraNotes);
    }

    /** Like {@link #report(String, TargetProcess, int, String, Phase, String, String)}, with other latencies. */
    public RunResult report(String scenario, TargetProcess server, int clients, String rate, Phase phase,
                            Histogram latency, String headline, String extraNotes) {
        long heap = server.target().jvm()
                ? ProcStats.heapAfterGc(settings.jcmd(), server.pid()).orElse(-1) : -1;
        List<String> notes = new ArrayList<>();
        if (!phase.trouble().isEmpty()) {
            notes.add(phase.trouble());
        }
        if (!extraNotes.isEmpty()) {
            notes.add(extraNotes);
        }
        if (!settings.note().isEmpty()) {
            notes.add(settings.note());
        }
        RunResult result = new RunResult(scenario, server.target().name(), settings.mode(), clients, rate,
                phase.delivered(), phase.expected(), phase.perSecond(), Phase.ms(latency, 50),
                Phase.ms(latency, 99), Phase.ms(latency, 99.9), Phase.maxMs(latency),
                phase.cpuPerMillion(), heap, ProcStats.rssBytes(server.pid()), server.longGcPausesSinceLastCall(10),
                headline, String.join("; ", notes));
        record(result);
        return result;
    }

    /** Hands a result to the suite, which prints and records it. */
    public void record(RunResult result) {
        sink.accept(result);
    }
}
