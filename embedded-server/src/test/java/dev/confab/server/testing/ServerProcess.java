package dev.confab.server.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A {@link ServerProcessMain} child JVM over a data directory, which a test can kill with SIGKILL. */
public final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Startup startup;

    /** How long the start took: the JVM up to {@code main}, the server's own start, and both as seen from here. */
    public record Startup(Duration jvm, Duration server, Duration total) {
    }

    private ServerProcess(Process process, int port, Startup startup) {
        this.process = process;
        this.port = port;
        this.startup = startup;
    }

    /** Starts a server on {@code port} (0: any) and waits until it listens; output goes to {@code log}. */
    public static ServerProcess start(Path dataDir, int port, Path log) {
        String java = ProcessHandle.current().info().command().orElse("java");
        try {
            Files.deleteIfExists(log);
            long spawnedAt = System.nanoTime();
            Process process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    ServerProcessMain.class.getName(), dataDir.toString(), Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            String[] ready = new String[1];
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the server process ended: " + read(log));
                }
                ready[0] = read(log).lines().filter(line -> line.startsWith("ready ")).findFirst().orElse(null);
                return ready[0] != null;
            });
            Duration total = Duration.ofNanos(System.nanoTime() - spawnedAt);
            String timing = read(log).lines().filter(line -> line.startsWith("timing ")).findFirst().orElseThrow();
            Startup startup = new Startup(Duration.ofMillis(field(timing, "jvm")), Duration.ofMillis(field(timing,
                    "server")), total);
            return new ServerProcess(process, Integer.parseInt(ready[0].substring("ready ".length()).trim()), startup);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long field(String line, String name) {
        int at = line.indexOf(name + "=") + name.length() + 1;
        int end = line.indexOf(' ', at);
        return Long.parseLong(line.substring(at, end < 0 ? line.length() : end));
    }

    /** How long this process took to listen. */
    public Startup startup() {
        return startup;
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    public int port() {
        return port;
    }

    /** SIGKILL: no shutdown hook, no graceful close; waits until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    private void waitFor() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the server process did not end");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** SIGTERM: a graceful stop through the shutdown hook. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }
}
