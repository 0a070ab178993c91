package dev.confab.server.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Opens stores in a test's directory and closes them all at the end. */
final class StoreFixture implements AutoCloseable {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);

    private final Path dir;
    private final List<SqliteMessageStore> stores = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();

    StoreFixture(Path dir) {
        this.dir = dir;
    }

    Path databaseFile() {
        return dir.resolve("confab.db");
    }

    SqliteMessageStore open(StoreConfig config) {
        SqliteMessageStore store = SqliteMessageStore.open(databaseFile(), config, CLOCK);
        stores.add(store);
        return store;
    }

    SqliteMessageStore open() {
        return open(StoreConfig.defaults());
    }

    /** Another process's view of the file: a plain connection that holds the write lock until closed. */
    Connection holdWriteLock() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + databaseFile());
        connections.add(connection);
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
        }
        return connection;
    }

    static void release(Connection lock) throws SQLException {
        try (Statement statement = lock.createStatement()) {
            statement.execute("ROLLBACK");
        }
        lock.close();
    }

    @Override
    public void close() throws SQLException {
        for (Connection connection : connections) {
            connection.close();
        }
        stores.forEach(SqliteMessageStore::close);
    }
}
