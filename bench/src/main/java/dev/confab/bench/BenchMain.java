package dev.confab.bench;

import dev.confab.bench.report.ChartWriter;
import dev.confab.bench.report.Comparison;
import dev.confab.bench.report.ResultLine;
import dev.confab.bench.report.RunResult;
import dev.confab.bench.scenario.Harness;
import dev.confab.bench.scenario.Scenario;
import dev.confab.bench.scenario.Settings;
import dev.confab.bench.target.FsyncProbe;
import dev.confab.bench.target.SharedServices;
import dev.confab.bench.target.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark command, normally started by {@code bench/run.sh}:
 * <pre>
 * run [--quick] [--targets confab,netty,node] [--scenarios S1,S2,...] [--mode shared|pinned]
 *     [--out DIR] [--confab-jar JAR] [--node-dir DIR] [--note TEXT] [--warmup SECONDS] [--step SECONDS]
 *     [--store-url JDBC-URL-WITH-DBNAME --store-user ROLE --bus REDIS-URI --prepare SHELL-COMMAND
 *      --shared-pids redis=PID,postgres=PID]   (adds the targets cluster-1 and cluster-2; see bench/cluster.sh)
 * chart RESULTS.tsv SCENARIO OUT.png
 * compare RESULTS.tsv [TARGETS]
 * fsync-probe [DIR]
 * </pre>
 * A scenario that fails for one target is reported and the suite goes on.
 */
public final class BenchMain {
    private BenchMain() {
    }

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            return;
        }
        switch (args[0]) {
            case "run" -> run(options(Arrays.copyOfRange(args, 1, args.length)));
            case "chart" -> ChartWriter.write(read(Path.of(args[1])), args[2], args.length > 4 ? args[4]
                    : "Throughput against p99, " + args[2], Path.of(args[3]));
            case "compare" -> System.out.print(Comparison.markdown(read(Path.of(args[1])), targetsIn(args)));
            case "fsync-probe" -> System.out.println(FsyncProbe.run(Path.of(args.length > 1 ? args[1] : ".")));
            default -> usage();
        }
    }

    private static void usage() {
        System.out.println("usage: run [--quick] [--targets confab,netty,node] [--scenarios S1,...] "
                + "[--mode shared|pinned] [--out DIR] [--confab-jar JAR] [--node-dir DIR] [--note TEXT]\n"
                + "           [--warmup SECONDS] [--step SECONDS]\n"
                + "       chart RESULTS.tsv SCENARIO OUT.png [TITLE]\n       compare RESULTS.tsv [TARGETS]");
    }

    private static List<String> targetsIn(String[] args) {
        return args.length > 2 ? List.of(args[2].split(",")) : List.of("confab", "netty", "node");
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--quick")) {
                o.put("quick", "true");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                o.put(args[i].substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        return o;
    }

    private static void run(Map<String, String> o) throws IOException {
        boolean quick = o.containsKey("quick");
        String mode = o.getOrDefault("mode", "shared");
        Path out = Files.createDirectories(Path.of(o.getOrDefault("out", "bench/results/latest")));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Path benchJar = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        List<String> targetNames = List.of(o.getOrDefault("targets", "confab,netty,node").split(","));
        List<String> scenarioIds = List.of(o.getOrDefault("scenarios", "S1,S2,S3,S4,S5,S6,S7,S8").split(","));
        Map<String, Target> known = new HashMap<>(Map.of(
                "confab", Target.confab(java, confabLaunch(o), extraConfabArgs()),
                "netty", Target.netty(java, benchJar),
                "node", Target.node(Path.of(o.getOrDefault("node-dir", "bench/peers/node")))));
        if (o.containsKey("store-url")) {
            // Confab over a shared PostgreSQL and Redis (bench/cluster.sh starts them): one node, and two.
            SharedServices shared = new SharedServices(o.get("store-url"), o.getOrDefault("store-user", ""),
                    o.getOrDefault("bus", ""), o.getOrDefault("prepare", "true"),
                    SharedServices.parsePids(o.getOrDefault("shared-pids", "")));
            known.put("cluster-1", Target.confabCluster("cluster-1", java, confabLaunch(o), extraConfabArgs(), 1,
                    shared));
            known.put("cluster-2", Target.confabCluster("cluster-2", java, confabLaunch(o), extraConfabArgs(), 2,
                    shared));
        }
        Duration warmup = o.containsKey("warmup") ? Duration.ofSeconds(Long.parseLong(o.get("warmup")))
                : Settings.defaultWarmup(quick);
        Duration step = o.containsKey("step") ? Duration.ofSeconds(Long.parseLong(o.get("step")))
                : Settings.defaultStep(quick);
        Settings settings = new Settings(quick, mode, mode.equals("pinned") ? "1" : "", out, jcmd, 100, 15,
                o.getOrDefault("note", ""), warmup, step);
        Path tsv = out.resolve("results.tsv");
        Files.writeString(tsv, String.join("\t", RunResult.COLUMNS) + "\n", StandardCharsets.UTF_8);
        List<RunResult> all = new ArrayList<>();
        Harness harness = new Harness(settings, r -> {
            all.add(r);
            System.out.println(ResultLine.format(r));
            System.out.flush();
            append(tsv, r.toTsv() + "\n");
        });
        for (Scenario scenario : quick ? Suites.quick() : Suites.full()) {
            if (!scenarioIds.contains(scenario.id())) {
                continue;
            }
            for (String name : targetNames) {
                Target target = known.get(name);
                if (target == null) {
                    throw new IllegalArgumentException("unknown target " + name);
                }
                if (!scenario.appliesTo(target)) {
                    continue;
                }
                long start = System.nanoTime();
                try {
                    scenario.run(target, harness);
                } catch (Exception e) {
                    // One target failing a scenario is a result, not the end of the suite.
                    System.out.println(scenario.id() + " " + name + " FAILED: " + e);
                    append(out.resolve("failures.txt"), scenario.id() + " " + name + ": " + e + "\n");
                }
                System.out.printf("# %s %s took %.0fs%n", scenario.id(), name, (System.nanoTime() - start) / 1e9);
            }
        }
        String table = Comparison.markdown(all, targetNames);
        Files.writeString(out.resolve("comparison.md"), table, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(table);
    }

    /** {@code -jar confab-server.jar} when it was built, else the server's classes on a class path. */
    private static List<String> confabLaunch(Map<String, String> o) throws IOException {
        Path jar = Path.of(o.getOrDefault("confab-jar", "embedded-server/target/confab-server.jar"));
        if (Files.exists(jar)) {
            return List.of("-jar", jar.toString());
        }
        Path classpath = Path.of("embedded-server/target/classpath.txt");
        if (!Files.exists(classpath)) {
            return List.of("-jar", jar.toString());
        }
        return List.of("-cp", "embedded-server/target/classes:" + Files.readString(classpath).trim(),
                "dev.confab.server.cli.Main");
    }

    private static List<String> extraConfabArgs() {
        String extra = System.getenv().getOrDefault("CONFAB_SERVER_ARGS", "").trim();
        return extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
    }

    private static void append(Path file, String text) {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
            w.print(text);
        } catch (IOException e) {
            System.err.println("cannot write " + file + ": " + e.getMessage());
        }
    }

    private static List<RunResult> read(Path tsv) throws IOException {
        return Files.readAllLines(tsv, StandardCharsets.UTF_8).stream().skip(1).filter(l -> !l.isBlank())
                .map(RunResult::fromTsv).toList();
    }
}
