package dev.confab.server.testing;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A test server in its own JVM, for tests that kill it: {@code ServerProcessMain <data dir> <port>} serves until
 * the process ends and prints {@code ready <port>} once it listens. SIGTERM closes it gracefully; SIGKILL does not.
 */
public final class ServerProcessMain {
    private ServerProcessMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        TestServer server = TestServer.start(Path.of(args[0]), b -> b.port(Integer.parseInt(args[1])));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        out.println("ready " + server.server().port());
        stopped.await();
    }
}
