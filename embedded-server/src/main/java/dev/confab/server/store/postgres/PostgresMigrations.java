package dev.confab.server.store.postgres;

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
 * Brings the shared database to the newest schema with the numbered scripts {@code db/postgres/V<n>__<name>.sql}
 * (the same rules as the SQLite migrations: plain statements ending with {@code ;} and {@code --} comments). All
 * missing scripts run in one transaction under an advisory lock, so nodes that start together migrate once.
 */
final class PostgresMigrations {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresMigrations.class);
    /** Every migration, oldest first; version n is at index n - 1. A new one is added at the end, never edited. */
    static final List<String> SCRIPTS = List.of("V1__initial_schema.sql");
    /** The advisory lock the migrating node holds ("confab" in ASCII). */
    private static final long LOCK_KEY = 0x636f6e666162L;

    private PostgresMigrations() {
    }

    static int latestVersion() {
        return SCRIPTS.size();
    }

    static int apply(Connection connection, Clock clock) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                    + "name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
            int current = currentVersion(connection);
            if (current > latestVersion()) {
                throw new StoreException("the database has schema version " + current + ", newer than this "
                        + "program (" + latestVersion() + "); use a newer Confab", false);
            }
            for (int version = current + 1; version <= latestVersion(); version++) {
                String script = SCRIPTS.get(version - 1);
                for (String sql : MigrationScripts.load("/db/postgres/" + script)) {
                    statement.execute(sql);
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)")) {
                    insert.setInt(1, version);
                    insert.setString(2, script);
                    insert.setLong(3, clock.millis());
                    insert.executeUpdate();
                }
                LOG.info("Applied database migration {}", script);
            }
            connection.commit();
            return Math.max(current, latestVersion());
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }
}
