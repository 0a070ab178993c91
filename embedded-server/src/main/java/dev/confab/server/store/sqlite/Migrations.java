package dev.confab.server.store.sqlite;

import dev.confab.server.store.MigrationScripts;
import dev.confab.server.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database to the newest schema by applying the numbered scripts {@code db/migration/V<n>__<name>.sql}
 * that it has not seen yet, in order, each in its own transaction together with its row in
 * {@code schema_version}. Scripts hold plain statements separated by {@code ;} at the end of a line, with
 * {@code --} comments; no semicolons inside literals and no triggers (the splitter is deliberately simple).
 */
final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    /** Every migration, oldest first; version n is at index n - 1. A new one is added at the end, never edited. */
    static final List<String> SCRIPTS = List.of("V1__initial_schema.sql");

    private Migrations() {
    }

    /** The newest version this code knows. */
    static int latestVersion() {
        return SCRIPTS.size();
    }

    /** Applies what is missing; returns the schema version the database has afterwards. */
    static int apply(Connection connection, Clock clock) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                    + "name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT");
        }
        for (int version = currentVersion(connection) + 1; version <= latestVersion(); version++) {
            applyOne(connection, version, clock);
        }
        int current = currentVersion(connection);
        if (current > latestVersion()) {
            throw new StoreException("the database has schema version " + current + ", newer than this program ("
                    + latestVersion() + "); use a newer Confab", false);
        }
        return current;
    }

    static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }

    private static void applyOne(Connection connection, int version, Clock clock) throws SQLException {
        String script = SCRIPTS.get(version - 1);
        List<String> statements = MigrationScripts.load("/db/migration/" + script);
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                // Another process may have migrated while this one waited for the lock.
                if (currentVersion(connection) >= version) {
                    statement.execute("ROLLBACK");
                    return;
                }
                for (String sql : statements) {
                    statement.execute(sql);
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)")) {
                    insert.setInt(1, version);
                    insert.setString(2, script);
                    insert.setLong(3, clock.millis());
                    insert.executeUpdate();
                }
                statement.execute("COMMIT");
                LOG.info("Applied database migration {}", script);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(statement);
                throw e;
            }
        }
    }

    private static void rollbackQuietly(Statement statement) {
        try {
            statement.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // SQLite may already have rolled back (e.g. after SQLITE_FULL); the original error is what matters.
        }
    }
}
