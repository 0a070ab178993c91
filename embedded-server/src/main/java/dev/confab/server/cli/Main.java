package dev.confab.server.cli;

import dev.confab.server.ConfabServer;
import dev.confab.server.RunningServer;
import dev.confab.server.ServerConfig;
import dev.confab.server.store.DataDirectory;
import dev.confab.server.store.sqlite.SqliteMessageStore;
import dev.confab.server.store.sqlite.StoreConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * {@code java -jar confab-server.jar}: starts a server, prints one line when it listens, and stops it gracefully
 * on SIGTERM or SIGINT (the shutdown hook closes it: no accepted message is lost).
 */
public final class Main {
    /** The one line printed on standard output once the server listens. */
    static final String READY = "Confab server listening on %s://%s:%d/ws";

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

    private static int backup(ServerCommand.Request.Backup backup, PrintStream out, PrintStream err) {
        if (backup.config().deployment().sharedStore()) {
            err.println("confab-server: --backup copies the embedded SQLite store; with --store, back up the "
                    + "PostgreSQL database with pg_dump (see docs/SCALING.md)");
            return 2;
        }
        DataDirectory dataDir;
        try {
            dataDir = DataDirectory.create(backup.config().dataDir());
            if (!Files.exists(dataDir.database())) {
                err.println("confab-server: no database to back up in " + dataDir.root());
                return 1;
            }
            Path written;
            Clock clock = Clock.systemUTC();
            try (SqliteMessageStore store = SqliteMessageStore.open(dataDir, StoreConfig.defaults(), clock)) {
                Path target = backup.target();
                if (target == null) {
                    written = store.database().backupInto(dataDir.backups(), clock);
                } else {
                    store.database().backupTo(target);
                    written = target;
                }
            }
            out.println("Backed up " + dataDir.database() + " to " + written.toAbsolutePath());
            return 0;
        } catch (RuntimeException e) {
            err.println("confab-server: backup failed: " + e.getMessage());
            return 1;
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
            case ServerCommand.Request.Backup backup -> {
                return backup(backup, out, err);
            }
            case ServerCommand.Request.Run run -> config = run.config();
        }
        RunningServer server;
        try {
            server = starter.apply(config);
        } catch (RuntimeException e) {
            // The process boundary: port taken, data directory unusable, database damaged. One clear line.
            err.println("confab-server: cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "confab-shutdown"));
        out.printf(READY + "%n", server.url().getScheme(), config.host(), server.port());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
