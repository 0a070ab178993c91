package dev.confab.server.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.confab.server.store.StoreException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool of connections to the shared database. Opening it migrates the schema (nodes that start together
 * take turns under an advisory lock) and reads the epoch.
 */
public final class PostgresDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresDatabase.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int KEY_BYTES = 32;

    private final HikariDataSource pool;
    private final PostgresConfig config;
    private final Clock clock;
    private final String epoch;

    private PostgresDatabase(HikariDataSource pool, PostgresConfig config, Clock clock) {
        this.pool = pool;
        this.config = config;
        this.clock = clock;
        this.epoch = read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT value FROM meta WHERE key = 'epoch'");
                 ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("the database has no epoch; it was not made by Confab");
                }
                return rows.getString(1);
            }
        });
    }

    /**
     * Connects, migrates and returns the database.
     *
     * @throws StoreException when the database cannot be reached or its schema is newer than this program
     */
    public static PostgresDatabase open(PostgresConfig config, Clock clock) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.url());
        if (!config.user().isEmpty()) {
            hikari.setUsername(config.user());
        }
        if (!config.password().isEmpty()) {
            hikari.setPassword(config.password());
        }
        hikari.setPoolName("confab-postgres");
        hikari.setMaximumPoolSize(config.poolSize());
        // A fixed-size pool (HikariCP's own advice): growing from a few connections one at a time, on one thread,
        // while a join storm waits made joins time out after connectionTimeout under load (bench/cluster.sh).
        hikari.setMinimumIdle(config.poolSize());
        hikari.setConnectionTimeout(config.connectionTimeout().toMillis());
        hikari.setValidationTimeout(Math.min(config.connectionTimeout().toMillis(), 5_000));
        hikari.setAutoCommit(true);
        // Fail at start when the database is unreachable, instead of starting a node that cannot store anything.
        hikari.setInitializationFailTimeout(config.connectionTimeout().toMillis());
        hikari.addDataSourceProperty("connectTimeout", Math.max(1, config.connectionTimeout().toSeconds()));
        hikari.addDataSourceProperty("tcpKeepAlive", "true");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to the PostgreSQL store at " + config.safeUrl() + ": "
                    + rootMessage(e), e);
        }
        try {
            try (Connection connection = pool.getConnection()) {
                int version = PostgresMigrations.apply(connection, clock);
                LOG.info("PostgreSQL store {} at schema version {}", config.safeUrl(), version);
            }
            return new PostgresDatabase(pool, config, clock);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            if (e instanceof StoreException store) {
                throw store;
            }
            throw new StoreException("cannot open the PostgreSQL store at " + config.safeUrl() + ": "
                    + rootMessage(e), e);
        }
    }

    public PostgresConfig config() {
        return config;
    }

    String epoch() {
        return epoch;
    }

    /**
     * The token signing key every node shares: made by the first node that asks (insert if absent, then read,
     * so two nodes starting at once agree on one key).
     */
    public SecretKey signingKey() {
        return read(connection -> {
            byte[] candidate = new byte[KEY_BYTES];
            RANDOM.nextBytes(candidate);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO secrets (name, value, "
                    + "created_at) VALUES ('token_key', ?, ?) ON CONFLICT (name) DO NOTHING")) {
                insert.setBytes(1, candidate);
                insert.setLong(2, clock.millis());
                insert.executeUpdate();
            } finally {
                Arrays.fill(candidate, (byte) 0);
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT value FROM secrets WHERE name = 'token_key'");
                 ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("the token key vanished");
                }
                byte[] key = rows.getBytes(1);
                try {
                    if (key.length != KEY_BYTES) {
                        throw new SQLException("the shared token key has " + key.length + " bytes, not " + KEY_BYTES);
                    }
                    return new SecretKeySpec(key, "HmacSHA256");
                } finally {
                    Arrays.fill(key, (byte) 0);
                }
            }
        });
    }

    /** True when a connection answers a trivial query within the connection timeout. */
    public boolean healthy() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid((int) Math.max(1, config.connectionTimeout().toSeconds()));
        } catch (SQLException e) {
            return false;
        }
    }

    /** Work on one connection in autocommit mode; failures become {@link StoreException}. */
    <T> T read(SqlWork<T> work) {
        try (Connection connection = pool.getConnection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new StoreException("the PostgreSQL store failed: " + rootMessage(e), e);
        }
    }

    /** Work in one transaction, committed when it returns and rolled back when it throws. */
    <T> T transaction(SqlWork<T> work) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            } finally {
                restoreAutoCommit(connection);
            }
        } catch (SQLException e) {
            throw new StoreException("the PostgreSQL store failed: " + rootMessage(e), e);
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; the pool discards it and the original error is what matters.
        }
    }

    private static void restoreAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // A broken connection is evicted by the pool.
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Work on a connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }
}
