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
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

    private final Target target;
    private final Process process;
    private final int port;
    private final Path gcLog;
    private final Path dataDir;
    private long gcLogOffset;

    private TargetProcess(Target target, Process process, int port, Path gcLog, Path dataDir) {
        this.target = target;
        this.process = process;
        this.port = port;
        this.gcLog = gcLog;
        this.dataDir = dataDir;
    }

    /** The target's data directory (kept across starts with the same label). */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * Starts {@code target} on a free loopback port with a fresh data directory under {@code workDir}, and waits
     * up to {@code timeout} for its "listening on ws://" line.
     *
     * @param cpus a {@code taskset -c} CPU list, or empty to run on every core
     */
    public static TargetProcess start(Target target, Path workDir, String label, String cpus, Duration timeout)
            throws IOException, InterruptedException {
        int port = freePort();
        Path dataDir = Files.createDirectories(workDir.resolve("data-" + target.name() + "-" + label));
        Path gcLog = workDir.resolve("gc-" + target.name() + "-" + label + ".log");
        Path outLog = workDir.resolve("server-" + target.name() + "-" + label + ".log");
        List<String> command = new ArrayList<>();
        if (!cpus.isEmpty()) {
            command.addAll(List.of("taskset", "-c", cpus));
        }
        for (String part : target.command()) {
            command.add(part.replace("PORT", Integer.toString(port)).replace("DATA", dataDir.toString())
                    .replace("GCLOG", gcLog.toString()).replace("@OUT@", workDir.toString())
                    .replace("@NAME@", target.name() + "-" + label));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        RUNNING.add(process);
        CountDownLatch ready = new CountDownLatch(1);
        Thread pump = new Thread(() -> pump(process, outLog, ready), "target-output-" + target.name());
        pump.setDaemon(true);
        pump.start();
        if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException(target.name() + " did not print that it listens within " + timeout
                    + "; see " + outLog);
        }
        return new TargetProcess(target, process, port, gcLog, dataDir);
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

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** GC pauses longer than {@code thresholdMillis} logged since the previous call. */
    public int longGcPausesSinceLastCall(double thresholdMillis) {
        if (!target.jvm() || !Files.exists(gcLog)) {
            return 0;
        }
        try {
            byte[] all = Files.readAllBytes(gcLog);
            String fresh = new String(all, (int) Math.min(gcLogOffset, all.length),
                    (int) Math.max(0, all.length - gcLogOffset), StandardCharsets.UTF_8);
            gcLogOffset = all.length;
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
