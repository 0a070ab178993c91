package dev.confab.server.cli;

import dev.confab.server.ConfabServer;
import dev.confab.server.RunningServer;
import dev.confab.server.ServerConfig;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * {@code java -jar confab-server.jar}: starts a server, prints one line when it listens, and stops it gracefully
 * on SIGTERM or SIGINT (the shutdown hook closes it: no accepted message is lost).
 */
public final class Main {
    /** The one line printed on standard output once the server listens. */
    static final String READY = "Confab server listening on ws://%s:%d/ws";

    private Main() {
    }

    public static void main(String[] args) {
        // The jar's own log configuration; an app embedding the server keeps its own.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "confab-server-logback.xml");
        }
        int status = run(args, System.getenv(), System.out, System.err, ConfabServer::start);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs until the JVM shuts down; returns an exit status when it cannot start. */
    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err,
                   Function<ServerConfig, RunningServer> starter) {
        ServerConfig config;
        switch (ServerCommand.parse(args, environment)) {
            case ServerCommand.Request.Print print -> {
                out.println(print.text());
                return 0;
            }
            case ServerCommand.Request.Invalid invalid -> {
                err.println("confab-server: " + invalid.message());
                return 2;
            }
            case ServerCommand.Request.Run run -> config = run.config();
        }
        RunningServer server;
        try {
            server = starter.apply(config);
        } catch (UncheckedIOException | IllegalStateException e) {
            err.println("confab-server: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "confab-shutdown"));
        out.printf(READY + "%n", config.host(), server.port());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
