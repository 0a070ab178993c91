package dev.confab.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.ServerFrame;
import dev.confab.server.testing.Frames;
import dev.confab.server.testing.TestClient;
import dev.confab.server.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BackupCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), config -> {
                    throw new AssertionError("a backup must not start a server");
                });
    }

    @Test
    void backsUpARunningServerToACopyThatRestoresWithANewEpoch() {
        Path data = dir.resolve("data");
        Path backup = dir.resolve("backup.db");
        String epoch;
        try (TestServer server = TestServer.start(data)) {
            TestClient alice = server.guestIn("alice", "general");
            alice.send(Frames.send("general", "before the backup", "c1"));
            alice.next(ServerFrame.Message.class);
            epoch = server.store().epoch();
            assertThat(run("--data-dir", data.toString(), "--backup-to", backup.toString()))
                    .as(err.toString(StandardCharsets.UTF_8)).isZero();
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Backed up", "backup.db");

        Path restored = dir.resolve("restored");
        try {
            Files.createDirectories(restored);
            Files.copy(backup, restored.resolve("confab.db"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (TestServer server = TestServer.start(restored)) {
            TestClient bob = server.guest("bob");
            bob.send(Frames.joinSince("general", 0));
            assertThat(bob.next(ServerFrame.Message.class).data().content()).isEqualTo("before the backup");
            assertThat(bob.next(ServerFrame.JoinedRoom.class).data().epoch()).isNotEqualTo(epoch);
        }
    }

    @Test
    void backupWithoutATargetGoesIntoTheBackupsDirectory() throws Exception {
        Path data = dir.resolve("data");
        try (TestServer server = TestServer.start(data)) {
            assertThat(server.store().epoch()).isNotBlank();
            assertThat(run("--data-dir", data.toString(), "--backup")).isZero();
        }
        try (var files = Files.list(data.resolve("backups"))) {
            assertThat(files.map(f -> f.getFileName().toString()).toList())
                    .singleElement().asString().startsWith("confab-").endsWith(".db");
        }
    }

    @Test
    void refusesToOverwriteOrToBackUpNothing() throws Exception {
        Path existing = Files.createFile(dir.resolve("taken.db"));
        assertThat(run("--data-dir", dir.resolve("empty").toString(), "--backup-to", existing.toString()))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no database");
        try (TestServer server = TestServer.start(dir.resolve("data"))) {
            assertThat(server.store().lastSeq(dev.confab.protocol.RoomName.of("general"))).isZero();
            assertThat(run("--data-dir", dir.resolve("data").toString(), "--backup-to", existing.toString()))
                    .isEqualTo(1);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("exists");
    }
}
