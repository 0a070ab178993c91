package dev.confab.bench.target;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A started target server: its own OS process (optionally pinned with {@code taskset}), ready once it prints
 * that it is listening. Its output goes to a log file next to the results; its GC log too, for JVM targets.
 */
public final class TargetProcess implements AutoCloseable {
    private static final Pattern GC_PAUSE = Pattern.compile("Pause.* (\\d+\\.\\d+)ms");
    /** Every server still running; a shutdown hook ends them, so an interrupted suite leaves no server behind. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "stop-target-servers"));
    }

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Target target;
    private final List<Node> nodes;

    private TargetProcess(Target target, List<Node> nodes) {
        this.target = target;
        this.nodes = List.copyOf(nodes);
    }

    /** One server process of the target. */
    private static final class Node {
        private final Process process;
        private final int port;
        private final Path gcLog;
        private final Path dataDir;
        private long gcLogOffset;

        Node(Process process, int port, Path gcLog, Path dataDir) {
            this.process = process;
            this.port = port;
            this.gcLog = gcLog;
            this.dataDir = dataDir;
        }
    }

    /** The (first) node's data directory, kept across starts with the same label. */
    public Path dataDir() {
        return nodes.getFirst().dataDir;
    }

    /**
     * Starts {@code target} on a free loopback port with a fresh data directory under {@code workDir}, and waits
     * up to {@code timeout} for its "listening on ws://" line. A cluster target gets a fresh database and an empty
     * Redis first, then each of its nodes on its own port (and admin port).
     *
     * @param cpus a {@code taskset -c} CPU list, or empty to run on every core
     */
    public static TargetProcess start(Target target, Path workDir, String label, String cpus, Duration timeout)
            throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>();
        if (target.shared().isPresent()) {
            SharedServices shared = target.shared().get();
            String database = "bench_" + label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_"
                    + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
            prepare(shared.prepare().replace("DBNAME", database), workDir, timeout);
            env.put("CONFAB_STORE", shared.storeUrl().replace("DBNAME", database));
            env.put("CONFAB_STORE_USER", shared.storeUser());
            env.put("CONFAB_BUS", shared.busUri());
        }
        List<Node> started = new ArrayList<>();
        try {
            for (int i = 0; i < target.nodes(); i++) {
                String name = target.name() + "-" + label + (target.nodes() > 1 ? "-n" + i : "");
                if (target.durable()) {
                    // Confab's admin port on a free port too: its default would collide between nodes, and with
                    // another run on the same machine.
                    env.put("CONFAB_ADMIN_PORT", Integer.toString(freePort()));
                }
                started.add(startNode(target, workDir, name, cpus, env, timeout));
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            started.forEach(node -> stop(node.process));
            throw e;
        }
        return new TargetProcess(target, started);
    }

    private static void prepare(String command, Path workDir, Duration timeout)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("prepare.log").toFile())).start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("preparing the shared store failed: " + command + "; see "
                    + workDir.resolve("prepare.log"));
        }
    }

    private static Node startNode(Target target, Path workDir, String name, String cpus, Map<String, String> env,
                                  Duration timeout) throws IOException, InterruptedException {
        int port = freePort();
        Path dataDir = Files.createDirectories(workDir.resolve("data-" + name));
        Path gcLog = workDir.resolve("gc-" + name + ".log");
        Path outLog = workDir.resolve("server-" + name + ".log");
        List<String> command = new ArrayList<>();
        if (!cpus.isEmpty()) {
            command.addAll(List.of("taskset", "-c", cpus));
        }
        for (String part : target.command()) {
            command.add(part.replace("PORT", Integer.toString(port)).replace("DATA", dataDir.toString())
                    .replace("GCLOG", gcLog.toString()).replace("@OUT@", workDir.toString())
                    .replace("@NAME@", name));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Only what the target says: a store or bus in the generator's own environment must not leak into the
        // single-node target, which keeps SQLite and the in-process bus.
        builder.environment().keySet().removeIf(key -> key.startsWith("CONFAB_STORE") || key.equals("CONFAB_BUS")
                || key.equals("CONFAB_ADMIN_PORT"));
        builder.environment().putAll(env);
        Process process = builder.start();
        RUNNING.add(process);
        CountDownLatch ready = new CountDownLatch(1);
        Thread pump = new Thread(() -> pump(process, outLog, ready), "target-output-" + name);
        pump.setDaemon(true);
        pump.start();
        if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            stop(process);
            throw new IOException(name + " did not print that it listens within " + timeout + "; see " + outLog);
        }
        return new Node(process, port, gcLog, dataDir);
    }

    private static void pump(Process process, Path outLog, CountDownLatch ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(outLog, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                if (line.contains("listening on ws://")) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            // The process ended or its log could not be written; readiness then times out with a clear error.
            ready.getCount();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public Target target() {
        return target;
    }

    /** The port of the first node. */
    public int port() {
        return nodes.getFirst().port;
    }

    /** The port of every node. */
    public List<Integer> ports() {
        return nodes.stream().map(node -> node.port).toList();
    }

    /** The process of the first node: heap and RSS are read from it. */
    public long pid() {
        return nodes.getFirst().process.pid();
    }

    public boolean alive() {
        return nodes.stream().allMatch(node -> node.process.isAlive());
    }

    /** CPU seconds used so far by each part of the target: its nodes, and the shared services with children. */
    public Map<String, Double> cpuSecondsByPart() {
        Map<String, Double> parts = new TreeMap<>();
        parts.put("nodes", nodes.stream().mapToDouble(node -> ProcStats.cpuSeconds(node.process.pid())).sum());
        target.shared().ifPresent(shared -> shared.pids().forEach((name, pid) ->
                parts.put(name, ProcStats.cpuSecondsWithChildren(pid))));
        return parts;
    }

    /** CPU seconds used so far by the whole target. */
    public double cpuSeconds() {
        return cpuSecondsByPart().values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** GC pauses longer than {@code thresholdMillis} logged since the previous call, on every node. */
    public int longGcPausesSinceLastCall(double thresholdMillis) {
        int count = 0;
        for (Node node : nodes) {
            int pauses = longGcPauses(node, thresholdMillis);
            if (pauses < 0) {
                return -1;
            }
            count += pauses;
        }
        return count;
    }

    private int longGcPauses(Node node, double thresholdMillis) {
        if (!target.jvm() || !Files.exists(node.gcLog)) {
            return 0;
        }
        try {
            byte[] all = Files.readAllBytes(node.gcLog);
            String fresh = new String(all, (int) Math.min(node.gcLogOffset, all.length),
                    (int) Math.max(0, all.length - node.gcLogOffset), StandardCharsets.UTF_8);
            node.gcLogOffset = all.length;
            int count = 0;
            for (String line : fresh.split("\n")) {
                Matcher m = GC_PAUSE.matcher(line);
                // Full GCs the bench itself asks for (jcmd GC.run, to read the heap) are not the server's pauses.
                if (m.find() && !line.contains("System.gc()") && Double.parseDouble(m.group(1)) > thresholdMillis) {
                    count++;
                }
            }
            return count;
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        nodes.reversed().forEach(node -> stop(node.process));
    }

    private static void stop(Process process) {
        RUNNING.remove(process);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
