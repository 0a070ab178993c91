package dev.confab.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throwaway PostgreSQL cluster: {@code initdb} in a temporary directory, {@code pg_ctl} on a free loopback port,
 * trust authentication for the role {@code confab}, fsync off (tests, not durability). When the test runs as root
 * the cluster runs as the {@code postgres} user. Skips the test when PostgreSQL is not installed.
 */
public final class PostgresProcess implements AutoCloseable {
    private static final String ROLE = "confab";

    private final Path bin;
    private final Path root;
    private final Path data;
    private final Path log;
    private final int port;
    private final boolean asPostgresUser;
    private final AtomicInteger databases = new AtomicInteger();
    private boolean running;

    private PostgresProcess(Path bin, Path root, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.root = root;
        this.data = root.resolve("data");
        this.log = root.resolve("postgres.log");
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** Makes and starts a cluster; skips the test when {@code initdb} is not installed. */
    public static PostgresProcess start() {
        Path initdb = ExternalProcesses.require("initdb", "postgresql", ExternalProcesses.postgresBinDirectories());
        boolean root = ExternalProcesses.runningAsRoot();
        try {
            Path bin = initdb.toRealPath().getParent();
            Path dir = Files.createTempDirectory("confab-pg-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            PostgresProcess postgres = new PostgresProcess(bin, dir, ExternalProcesses.freePort(), root);
            postgres.init();
            postgres.startServer();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void init() throws IOException {
        Files.createDirectories(data);
        Files.createFile(log);
        if (asPostgresUser) {
            ExternalProcesses.run(List.of("chown", "-R", "postgres", data.toString(), log.toString()), log);
        }
        ExternalProcesses.run(command(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", ROLE,
                "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C.UTF-8"), log);
    }

    /** Starts the server (again, after {@link #stop()}); returns when it accepts connections. */
    public synchronized void startServer() {
        ExternalProcesses.run(command(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + data
                        + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                "start"), log);
        running = true;
    }

    /** Stops the server at once (fast shutdown: open connections are cut). */
    public synchronized void stop() {
        if (running) {
            ExternalProcesses.run(command(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast",
                    "-w", "stop"), log);
            running = false;
        }
    }

    /** A new, empty database in this cluster, as a JDBC URL that names the role. */
    public String newDatabase() {
        String name = "confab_test_" + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url("postgres"));
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database", e);
        }
        return url(name);
    }

    public int port() {
        return port;
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + ROLE;
    }

    private List<String> command(String... parts) {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.addAll(List.of(parts));
        return command;
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            TempFiles.deleteQuietly(root);
        }
    }
}
