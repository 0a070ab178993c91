package dev.confab.server.store.sqlite;

import static dev.confab.server.store.sqlite.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.confab.protocol.RoomName;
import dev.confab.server.store.DataDirectory;
import dev.confab.server.store.MigrationScripts;
import dev.confab.server.store.OwnerOnlyFiles;
import dev.confab.server.store.StoreException;
import dev.confab.server.store.StoredMessage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DatabaseFilesTest {
    @TempDir
    Path dir;

    private StoreFixture fixture;

    @BeforeEach
    void createFixture() {
        fixture = new StoreFixture(dir);
    }

    @AfterEach
    void closeFixture() throws Exception {
        fixture.close();
    }

    @Test
    void databaseAndWalFilesAreOwnerOnly() {
        assumeTrue(OwnerOnlyFiles.posix(dir));
        SqliteMessageStore store = fixture.open();
        store.append(message("general", "u1", "hello")).join();

        for (String name : List.of("confab.db", "confab.db-wal", "confab.db-shm")) {
            assertThat(dir.resolve(name)).exists();
            assertThat(mode(dir.resolve(name))).as(name).isEqualTo("rw-------");
        }
    }

    @Test
    void pragmasAreSetForDurability() throws Exception {
        SqliteMessageStore store = fixture.open();
        Connection writer = store.database().writeConnection();
        assertThat(pragma(writer, "journal_mode")).isEqualTo("wal");
        assertThat(pragma(writer, "synchronous")).isEqualTo("2");
        assertThat(pragma(writer, "foreign_keys")).isEqualTo("1");
        assertThat(pragma(writer, "busy_timeout")).isEqualTo("5000");
    }

    @Test
    void theWriterKeepsItsPagesCachedAndCheckpointsEveryFortyMegabytes() throws Exception {
        SqliteMessageStore store = fixture.open();
        Connection writer = store.database().writeConnection();
        assertThat(pragma(writer, "cache_size")).isEqualTo("-" + SqliteDatabase.WRITER_CACHE_KIB);
        assertThat(pragma(writer, "wal_autocheckpoint")).isEqualTo(Integer.toString(
                SqliteDatabase.WAL_AUTOCHECKPOINT_PAGES));
        assertThat(pragma(writer, "journal_size_limit")).isEqualTo(Long.toString(
                SqliteDatabase.JOURNAL_SIZE_LIMIT_BYTES));
        assertThat(pragma(writer, "synchronous")).isEqualTo("2");
    }

    @Test
    void migrationsRunOnceAndReopeningChangesNothing() throws Exception {
        fixture.open().close();
        SqliteMessageStore reopened = fixture.open();
        reopened.close();
        SqliteMessageStore third = fixture.open();

        assertThat(third.database().schemaVersion()).isEqualTo(Migrations.latestVersion());
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + fixture.databaseFile());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version, name FROM schema_version ORDER BY version")) {
            List<String> applied = new ArrayList<>();
            while (rows.next()) {
                applied.add(rows.getInt(1) + ":" + rows.getString(2));
            }
            assertThat(applied).containsExactly("1:V1__initial_schema.sql");
        }
    }

    @Test
    void everyMigrationScriptExistsAndIsNumberedInOrder() {
        for (int i = 0; i < Migrations.SCRIPTS.size(); i++) {
            String script = Migrations.SCRIPTS.get(i);
            assertThat(script).startsWith("V" + (i + 1) + "__").endsWith(".sql");
            assertThat(Migrations.class.getResource("/db/migration/" + script)).as(script).isNotNull();
        }
    }

    @Test
    void theSplitterDropsCommentsAndEmptyStatements() {
        assertThat(MigrationScripts.statements("-- a comment; with a semicolon\nCREATE TABLE a (x);\n\n"
                + "INSERT INTO a VALUES (1); -- trailing\n;"))
                .containsExactly("CREATE TABLE a (x)", "INSERT INTO a VALUES (1)");
    }

    @Test
    void aDatabaseFromANewerProgramIsRefused() throws Exception {
        fixture.open().close();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + fixture.databaseFile());
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO schema_version VALUES (99, 'V99__future.sql', 0)");
        }
        assertThatThrownBy(fixture::open).isInstanceOf(StoreException.class).hasMessageContaining("newer");
    }

    @Test
    void aFileThatIsNotADatabaseIsRefused() throws Exception {
        Files.writeString(fixture.databaseFile(), "this is not a database, only some text that is long enough "
                + "to fill a header of one hundred bytes so that SQLite reads it as a damaged file header");
        assertThatThrownBy(fixture::open).isInstanceOf(StoreException.class);
    }

    @Test
    void aDamagedDatabaseIsRefusedAtOpen() throws Exception {
        SqliteMessageStore store = fixture.open();
        for (int i = 0; i < 400; i++) {
            store.append(message("general", "u1", "a message long enough to fill some pages " + i)).join();
        }
        store.close();
        long size = Files.size(fixture.databaseFile());
        assertThat(size).isGreaterThan(8 * 4096);
        try (RandomAccessFile file = new RandomAccessFile(fixture.databaseFile().toFile(), "rw")) {
            // Page 5 onwards: inside the b-trees, past the header that SQLite would refuse by itself.
            file.seek(4 * 4096);
            file.write(new byte[3 * 4096]);
            for (int i = 0; i < 3 * 4096; i += 7) {
                file.seek(4 * 4096 + i);
                file.write(0x5a);
            }
        }
        assertThatThrownBy(fixture::open).isInstanceOf(StoreException.class).hasMessageContaining("damaged");
    }

    @Test
    void aBackupIsACompleteOwnerOnlyCopyWithItsOwnEpoch() {
        SqliteMessageStore store = fixture.open();
        for (int i = 0; i < 5; i++) {
            store.append(message("general", "u1", "m" + i)).join();
        }
        Path backup = dir.resolve("backups").resolve("confab-1.db");
        OwnerOnlyFiles.directory(backup.getParent());
        store.database().backupTo(backup);

        if (OwnerOnlyFiles.posix(dir)) {
            assertThat(mode(backup)).isEqualTo("rw-------");
        }
        try (SqliteMessageStore restored = SqliteMessageStore.open(backup, StoreConfig.defaults(),
                StoreFixture.CLOCK)) {
            assertThat(restored.epoch()).isNotEqualTo(store.epoch());
            assertThat(restored.since(RoomName.of("general"), 0, 50)).extracting(StoredMessage::content)
                    .containsExactly("m0", "m1", "m2", "m3", "m4");
            assertThat(restored.lastSeq(RoomName.of("general"))).isEqualTo(5);
        }
        assertThatThrownBy(() -> store.database().backupTo(backup)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBackupTakenUnderLoadIsAConsistentPrefix() throws Exception {
        SqliteMessageStore store = fixture.open();
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 0; writing.get(); i++) {
                store.append(message(i % 2 == 0 ? "even" : "odd", "u1", "m" + i)).join();
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> store.lastSeq(RoomName.of("odd")) >= 50);
        Path backups = DataDirectory.create(dir.resolve("data")).backups();
        Path first = store.database().backupInto(backups, StoreFixture.CLOCK);
        Path second = store.database().backupInto(backups, StoreFixture.CLOCK);
        writing.set(false);
        writer.get(20, TimeUnit.SECONDS);

        assertThat(first.getFileName().toString()).isEqualTo("confab-20261121T120000Z.db");
        assertThat(second.getFileName().toString()).isEqualTo("confab-20261121T120000Z-1.db");
        try (SqliteMessageStore restored = SqliteMessageStore.open(first, StoreConfig.defaults(),
                StoreFixture.CLOCK)) {
            for (String room : List.of("even", "odd")) {
                long last = restored.lastSeq(RoomName.of(room));
                assertThat(last).isPositive().isLessThanOrEqualTo(store.lastSeq(RoomName.of(room)));
                assertThat(restored.since(RoomName.of(room), 0, Integer.MAX_VALUE)).extracting(StoredMessage::seq)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
            }
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + first);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("ok");
        }
    }

    @Test
    void aPathWithAQuestionMarkIsRefused() {
        assertThatThrownBy(() -> SqliteMessageStore.open(dir.resolve("x?mode=memory"), StoreConfig.defaults(),
                StoreFixture.CLOCK)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String pragma(Connection connection, String name) throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static String mode(Path file) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
