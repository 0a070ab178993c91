package dev.confab.server.testing;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A test server in its own JVM, for tests that kill it: {@code ServerProcessMain <data dir> <port>} serves until
 * the process ends and prints {@code timing jvm=<ms> server=<ms>} (how long the JVM took to reach {@code main},
 * and the server to open its store and listen), then {@code ready <port>} once it listens. SIGTERM closes it
 * gracefully; SIGKILL does not.
 */
public final class ServerProcessMain {
    private ServerProcessMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        long startingAt = System.nanoTime();
        long jvmMillis = ManagementFactory.getRuntimeMXBean().getUptime();
        TestServer server = TestServer.start(Path.of(args[0]), b -> b.port(Integer.parseInt(args[1])));
        long serverMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startingAt);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        // Before "ready", so that whoever waits for it finds the timing too.
        out.println("timing jvm=" + jvmMillis + " server=" + serverMillis);
        out.println("ready " + server.server().port());
        stopped.await();
    }
}
