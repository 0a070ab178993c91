package dev.confab.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.confab.protocol.ServerFrame;
import dev.confab.server.ConfabServer;
import dev.confab.server.testing.Frames;
import dev.confab.server.testing.TestClient;
import dev.confab.server.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * R14 and an unusable data directory: {@code confab-server} refuses to start with one clear line and a non-zero
 * exit status, never serving from a damaged database; restoring a backup brings it back.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StartupFaultsTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Runs the real command with the real server start; only failing starts are expected here. */
    private int start(Path dataDir) {
        return Main.run(new String[] {"--bind", "127.0.0.1", "--port", "0", "--admin-port", "off",
                "--data-dir", dataDir.toString()}, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), ConfabServer::start);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aDamagedDatabaseStopsTheStartAndARestoredBackupServesAgain() throws Exception {
        Path data = dir.resolve("data");
        Path backup = dir.resolve("good.db");
        try (TestServer server = TestServer.start(data)) {
            TestClient alice = server.guestIn("alice", "general");
            for (int i = 0; i < 300; i++) {
                alice.send(Frames.send("general", "a message long enough to fill some pages " + i, "c" + i));
            }
            alice.await(ServerFrame.Message.class, m -> m.data().seq() == 300);
            server.store().database().backupTo(backup);
        }
        Path database = data.resolve("confab.db");
        try (RandomAccessFile file = new RandomAccessFile(database.toFile(), "rw")) {
            // Inside the b-trees, past the header, as a torn write or a bad sector would leave it.
            for (long at = 4 * 4096; at < Math.min(file.length(), 10 * 4096); at += 7) {
                file.seek(at);
                file.write(0x5a);
            }
        }
        assertThat(start(data)).isEqualTo(1);
        assertThat(errors()).startsWith("confab-server: cannot start: ").contains("damaged", "restore a backup");
        assertThat(out.toString(StandardCharsets.UTF_8)).as("never said it listens").isEmpty();

        // The documented restore: the server is stopped; copy the backup over the database, remove the WAL files.
        Files.copy(backup, database, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(data.resolve("confab.db-wal"));
        Files.deleteIfExists(data.resolve("confab.db-shm"));
        try (TestServer server = TestServer.start(data)) {
            TestClient bob = server.guest("bob");
            bob.send(Frames.joinSince("general", 299));
            assertThat(bob.next(ServerFrame.Message.class).data().seq()).isEqualTo(300);
        }
    }

    @Test
    void aFileThatIsNotADatabaseStopsTheStart() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("confab.db"), "Meeting notes: " + "lorem ipsum ".repeat(400));
        assertThat(start(data)).isEqualTo(1);
        assertThat(errors()).startsWith("confab-server: cannot start: ").contains("confab.db");
        assertThat(Files.readString(data.resolve("confab.db"))).as("left as it was").startsWith("Meeting notes");
    }

    @Test
    void aDataDirectoryThatIsAFileStopsTheStart() throws Exception {
        Path data = Files.writeString(dir.resolve("data"), "not a directory");
        assertThat(start(data)).isEqualTo(1);
        assertThat(errors()).startsWith("confab-server: cannot start: ").contains(data.toString());
    }

    @Test
    void anUnwritableDataDirectoryStopsTheStart() throws Exception {
        assumeFalse(runsAsRoot(), "root may write anywhere: see aDataDirectoryEvenRootCannotCreateStopsTheStart");
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("r-x------"));
        try {
            assertThat(start(data)).isEqualTo(1);
            assertThat(errors()).startsWith("confab-server: cannot start: ").contains(data.toString());
            assertThat(Files.getPosixFilePermissions(data)).as("left read-only, as its owner made it")
                    .isEqualTo(PosixFilePermissions.fromString("r-x------"));
        } finally {
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aDataDirectoryUnderAnUnwritableParentStopsTheStart() throws Exception {
        assumeFalse(runsAsRoot(), "root may write anywhere: see aDataDirectoryEvenRootCannotCreateStopsTheStart");
        Path parent = Files.createDirectories(dir.resolve("parent"));
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("r-x------"));
        Path data = parent.resolve("data");
        try {
            assertThat(start(data)).isEqualTo(1);
            assertThat(errors()).startsWith("confab-server: cannot start: ").contains(data.toString());
        } finally {
            Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /**
     * The same for root, who may write anywhere on a normal file system (CI runs as root): procfs accepts no new
     * entries from anyone, so a data directory under {@code /proc} cannot be made.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aDataDirectoryEvenRootCannotCreateStopsTheStart() throws Exception {
        Path data = Path.of("/proc", "confab-" + java.util.UUID.randomUUID(), "data");
        assertThat(start(data)).isEqualTo(1);
        assertThat(errors()).startsWith("confab-server: cannot start: ").contains(data.toString());
        assertThat(data.getParent()).doesNotExist();
    }

    private static boolean runsAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
