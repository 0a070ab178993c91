package dev.confab.server.store.sqlite;

import dev.confab.server.store.OwnerOnlyFiles;
import dev.confab.server.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * One SQLite database file: the writer connection (for the one writer thread only), a small pool of read
 * connections (each keeping its prepared queries), the schema (migrated on open) and the epoch. WAL journal,
 * {@code synchronous=FULL} so that a commit survives power loss, foreign keys on, a busy timeout. The file is
 * created owner-only ({@code 0600}); SQLite gives its {@code -wal} and {@code -shm} files the same mode.
 */
public final class SqliteDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteDatabase.class);

    /**
     * The writer's page cache, in KiB (SQLite's negative form). The default 2 MiB holds about 500 pages, fewer than
     * the pages a batch touches when its messages go to hundreds of rooms (each room's last leaf of the messages
     * table and of its client-id index): every append then re-read its pages (S7: 334 rooms, docs/BENCHMARKS.md).
     */
    static final int WRITER_CACHE_KIB = 64 * 1024;
    /**
     * Pages in the WAL before the committing writer copies them back into the database (SQLite's default is 1,000,
     * 4 MiB). With messages spread over many rooms one batch can write that much, so nearly every commit also ran a
     * checkpoint (more writes and fsyncs on the writer thread); checkpointing every ~40 MiB copies a page that many
     * commits rewrote once. Durability is unchanged: a commit still fsyncs the WAL ({@code synchronous=FULL}).
     */
    static final int WAL_AUTOCHECKPOINT_PAGES = 10_000;
    /** What the WAL file is cut back to after a checkpoint resets it, so a burst does not leave it large. */
    static final long JOURNAL_SIZE_LIMIT_BYTES = 64L * 1024 * 1024;

    private static final DateTimeFormatter BACKUP_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path file;
    private final StoreConfig config;
    private final Connection writeConnection;
    private final BlockingQueue<Reader> readers;
    private final List<Reader> allReaders;
    private final String epoch;
    private final int schemaVersion;

    private SqliteDatabase(Path file, StoreConfig config, Connection writeConnection, List<Connection> readers,
                           String epoch, int schemaVersion) {
        this.file = file;
        this.config = config;
        this.writeConnection = writeConnection;
        this.allReaders = readers.stream().map(Reader::new).toList();
        this.readers = new ArrayBlockingQueue<>(readers.size(), false, allReaders);
        this.epoch = epoch;
        this.schemaVersion = schemaVersion;
    }

    /** Opens (creating and migrating as needed) the database in {@code file}. */
    public static SqliteDatabase open(Path file, StoreConfig config, Clock clock) {
        Path absolute = checkedPath(file);
        OwnerOnlyFiles.file(absolute);
        List<Connection> opened = new ArrayList<>();
        try {
            Connection writer = connect(absolute, config, false);
            opened.add(writer);
            if (config.checkOnOpen()) {
                quickCheck(writer, absolute);
            }
            int version = Migrations.apply(writer, clock);
            String epoch = readEpoch(writer);
            List<Connection> readers = new ArrayList<>();
            for (int i = 0; i < config.readConnections(); i++) {
                Connection reader = connect(absolute, config, true);
                opened.add(reader);
                readers.add(reader);
            }
            LOG.info("Opened database {} (schema version {}, epoch {})", absolute, version, epoch);
            return new SqliteDatabase(absolute, config, writer, readers, epoch, version);
        } catch (StoreException e) {
            opened.forEach(SqliteDatabase::closeQuietly);
            throw e;
        } catch (SQLException | RuntimeException e) {
            opened.forEach(SqliteDatabase::closeQuietly);
            throw new StoreException("cannot open the database " + absolute + ": " + e.getMessage(), e);
        }
    }

    /**
     * The JDBC URL is made from this path only, never from anything a client sent; the path must be absolute and
     * free of {@code ?}, which sqlite-jdbc would read as the start of connection options.
     */
    private static Path checkedPath(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (absolute.toString().contains("?")) {
            throw new IllegalArgumentException("a database path must not contain '?': " + absolute);
        }
        if (Files.isDirectory(absolute)) {
            throw new IllegalArgumentException("the database path is a directory: " + absolute);
        }
        return absolute;
    }

    private static Connection connect(Path file, StoreConfig config, boolean readOnly) throws SQLException {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout((int) config.busyTimeout().toMillis());
        Connection connection = sqlite.createConnection("jdbc:sqlite:" + file);
        try (Statement statement = connection.createStatement()) {
            if (readOnly) {
                statement.execute("PRAGMA query_only = 1");
            } else {
                statement.execute("PRAGMA cache_size = -" + WRITER_CACHE_KIB);
                statement.execute("PRAGMA wal_autocheckpoint = " + WAL_AUTOCHECKPOINT_PAGES);
                statement.execute("PRAGMA journal_size_limit = " + JOURNAL_SIZE_LIMIT_BYTES);
            }
        }
        return connection;
    }

    private static void quickCheck(Connection connection, Path file) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA quick_check")) {
            String first = rows.next() ? rows.getString(1) : "no answer";
            if (!"ok".equals(first)) {
                throw new StoreException("the database " + file + " is damaged (" + first + "); restore a backup",
                        false);
            }
        }
    }

    private static String readEpoch(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT value FROM meta WHERE key = 'epoch'");
             ResultSet rows = statement.executeQuery()) {
            if (!rows.next()) {
                throw new StoreException("the database has no epoch; it is damaged", false);
            }
            return rows.getString(1);
        }
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** The random id made with this database; see {@link dev.confab.server.store.MessageStore#epoch()}. */
    public String epoch() {
        return epoch;
    }

    /** The schema version after migration. */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** The writer's connection: to be used by the writer thread only. */
    Connection writeConnection() {
        return writeConnection;
    }

    StoreConfig config() {
        return config;
    }

    /** Runs a read on a pooled read connection; never waits for the writer (WAL readers see the last commit). */
    <T> T read(SqlFunction<Connection, T> work) {
        Reader reader = takeReader();
        try {
            return work.apply(reader.connection);
        } catch (SQLException e) {
            throw new StoreException("database read failed: " + e.getMessage(), e);
        } finally {
            readers.add(reader);
        }
    }

    /**
     * Runs one query on a pooled read connection, with the statement that connection keeps prepared for {@code sql}
     * (preparing the history page query cost about as much as running it: S8, docs/BENCHMARKS.md). {@code work}
     * binds every parameter and closes the result set it opens: closing it resets the statement, which ends the
     * read transaction, so a kept statement holds no snapshot of the database between reads. {@code sql} is one of
     * the store's own constant queries, never text from a client, so each connection keeps a handful at most.
     */
    <T> T query(String sql, SqlFunction<PreparedStatement, T> work) {
        Reader reader = takeReader();
        try {
            return work.apply(reader.statement(sql));
        } catch (SQLException e) {
            // Prepared again on the next use: a statement that failed is not trusted to be reusable.
            reader.forget(sql);
            throw new StoreException("database read failed: " + e.getMessage(), e);
        } finally {
            readers.add(reader);
        }
    }

    private Reader takeReader() {
        Reader reader;
        try {
            reader = readers.poll(config.readConnectionWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a read connection", e);
        }
        if (reader == null) {
            throw new StoreException("no read connection became free within " + config.readConnectionWait(), true);
        }
        return reader;
    }

    /**
     * Writes a consistent copy of the database to {@code target} (which must not exist) with {@code VACUUM INTO},
     * on its own connection so that it never shares a statement with the writer, then gives the copy a new epoch:
     * restoring it replaces the history, so clients must drop the seqs they hold.
     */
    public void backupTo(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute)) {
            throw new IllegalArgumentException("the backup target exists already: " + absolute);
        }
        // VACUUM INTO accepts an empty file: creating it first gives the copy its owner-only mode from the start.
        OwnerOnlyFiles.file(absolute);
        try (Connection connection = connect(file, config, false);
             PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, absolute.toString());
            vacuum.execute();
        } catch (SQLException e) {
            // No half-written copy left behind to be mistaken for a backup.
            try {
                Files.deleteIfExists(absolute);
            } catch (java.io.IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new StoreException("backup to " + absolute + " failed: " + e.getMessage(), e);
        }
        try (Connection copy = connect(checkedPath(absolute), config, false);
             Statement statement = copy.createStatement()) {
            statement.executeUpdate("UPDATE meta SET value = lower(hex(randomblob(16))) WHERE key = 'epoch'");
        } catch (SQLException e) {
            throw new StoreException("cannot give the backup " + absolute + " its epoch: " + e.getMessage(), e);
        }
    }

    /**
     * Backs up into {@code directory} as {@code confab-<UTC time>.db} (see {@link #backupTo}); returns the file.
     */
    public Path backupInto(Path directory, Clock clock) {
        String stamp = BACKUP_STAMP.format(clock.instant());
        return backupFile(directory, stamp, 0);
    }

    private Path backupFile(Path directory, String stamp, int attempt) {
        Path target = directory.resolve("confab-" + stamp + (attempt == 0 ? "" : "-" + attempt) + ".db");
        if (Files.exists(target)) {
            return backupFile(directory, stamp, attempt + 1);
        }
        backupTo(target);
        return target;
    }

    /** Closes every connection; the caller has stopped the writer and the readers first. */
    @Override
    public void close() {
        for (Reader reader : allReaders) {
            reader.close();
        }
        closeQuietly(writeConnection);
        LOG.info("Closed database {}", file);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Closing a database connection failed", e);
        }
    }

    /** A read connection and the statements prepared on it; used by one reader at a time (taken from the pool). */
    private static final class Reader {
        private final Connection connection;
        private final Map<String, PreparedStatement> statements = new HashMap<>();

        Reader(Connection connection) {
            this.connection = connection;
        }

        PreparedStatement statement(String sql) throws SQLException {
            PreparedStatement statement = statements.get(sql);
            if (statement == null) {
                statement = connection.prepareStatement(sql);
                statements.put(sql, statement);
            }
            return statement;
        }

        void forget(String sql) {
            PreparedStatement statement = statements.remove(sql);
            if (statement != null) {
                try {
                    statement.close();
                } catch (SQLException e) {
                    LOG.warn("Closing a failed read statement failed", e);
                }
            }
        }

        void close() {
            for (String sql : List.copyOf(statements.keySet())) {
                forget(sql);
            }
            closeQuietly(connection);
        }
    }
}
