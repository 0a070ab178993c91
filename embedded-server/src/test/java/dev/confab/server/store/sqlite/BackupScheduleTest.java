package dev.confab.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.protocol.RoomName;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.ConfabServer;
import dev.confab.server.RunningServer;
import dev.confab.server.ServerConfig;
import dev.confab.server.store.OwnerOnlyFiles;
import dev.confab.server.store.StoredMessage;
import dev.confab.server.testing.Frames;
import dev.confab.server.testing.TestClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** R15: the server backs itself up on its schedule while clients write, and keeps only the newest backups. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BackupScheduleTest {
    @TempDir
    Path dir;

    @Test
    void backsUpOnScheduleUnderWriteLoadKeepingTheNewestOwnerOnlyConsistentPrefixes() throws Exception {
        Path data = dir.resolve("data");
        Path backups = data.resolve("backups");
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).dataDir(data)
                .framesPerSecond(100_000).frameBurst(100_000)
                .backupInterval(Duration.ofMillis(300)).backupsKept(2).build();
        try (RunningServer server = ConfabServer.start(config)) {
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/ws");
            TestClient alice = new TestClient(uri).open();
            alice.next(ServerFrame.Hello.class);
            alice.send(new dev.confab.protocol.ClientFrame.Login("in",
                    new dev.confab.protocol.ClientFrame.Credentials("alice", null)));
            alice.next(ServerFrame.Connected.class);
            for (String room : List.of("even", "odd")) {
                alice.send(Frames.joinSince(room, 0));
                alice.await(ServerFrame.JoinedRoom.class);
            }
            Set<String> seen = new HashSet<>();
            // Writes keep going while backups are taken, until at least four backups were made (two pruned).
            for (int i = 0; seen.size() < 4; i++) {
                alice.send(Frames.send(i % 2 == 0 ? "even" : "odd", "message " + i, "c" + i));
                alice.await(ServerFrame.Message.class);
                List<Path> now = list(backups);
                // The kept two, and for a moment the newest one before the oldest is pruned.
                assertThat(now.size()).as("at most the kept number").isLessThanOrEqualTo(3);
                now.forEach(file -> seen.add(file.getFileName().toString()));
            }
            alice.close();
        }
        List<Path> kept = list(backups);
        assertThat(kept).hasSize(2);
        for (Path backup : kept) {
            if (OwnerOnlyFiles.posix(backup)) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)))
                        .isEqualTo("rw-------");
            }
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + backup);
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("ok");
            }
            try (SqliteMessageStore restored = SqliteMessageStore.open(backup, StoreConfig.defaults(),
                    java.time.Clock.systemUTC())) {
                for (String room : List.of("even", "odd")) {
                    long last = restored.lastSeq(RoomName.of(room));
                    assertThat(restored.since(RoomName.of(room), 0, Integer.MAX_VALUE))
                            .extracting(StoredMessage::seq)
                            .containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
                }
            }
        }
    }

    @Test
    void theFirstBackupIsDueOneIntervalAfterTheNewestOneThere() throws Exception {
        Path data = dir.resolve("data");
        Path database = Files.createDirectories(data).resolve("confab.db");
        try (SqliteMessageStore store = SqliteMessageStore.open(database, StoreConfig.defaults(),
                java.time.Clock.systemUTC())) {
            Path backups = Files.createDirectories(data.resolve("backups"));
            store.database().backupInto(backups, java.time.Clock.systemUTC());
            try (BackupSchedule schedule = BackupSchedule.start(store.database(), backups, Duration.ofHours(1), 3,
                    java.time.Clock.systemUTC())) {
                // A fresh backup is there: nothing is due for an hour.
                await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                        .until(() -> list(backups).size() == 1);
                Path second = schedule.backUp();
                Path third = schedule.backUp();
                Path fourth = schedule.backUp();
                assertThat(list(backups)).hasSize(3).contains(second, third, fourth);
            }
        }
    }

    private static List<Path> list(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".db")).sorted().toList();
        }
    }
}
