package dev.confab.client.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.net.ServerAddress;
import dev.confab.client.session.FileOutbox;
import dev.confab.client.session.OutboxEntry;
import dev.confab.client.session.ReadMarks;
import dev.confab.protocol.RoomName;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesTest {
    @TempDir
    Path dir;

    @Test
    void tokensAreStoredOwnerOnlyAndSurviveReopening() throws Exception {
        ServerAddress server = ServerAddress.parse("10.0.0.5").orElseThrow();
        TokenStore.create(dir.resolve("tokens.properties")).store(server, "alice", "secret.jwt.value");
        TokenStore reopened = TokenStore.create(dir.resolve("tokens.properties"));
        assertThat(reopened.find(server)).hasValueSatisfying(saved -> {
            assertThat(saved.username()).isEqualTo("alice");
            assertThat(saved.token()).isEqualTo("secret.jwt.value");
            assertThat(saved.toString()).doesNotContain("secret");
        });
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("tokens.properties"))))
                .isEqualTo("rw-------");
        reopened.forget(server);
        assertThat(reopened.find(server)).isEmpty();
    }

    @Test
    void readPositionsAreKeptPerServerAndAccountOwnerOnlyAndSurviveReopening() throws Exception {
        Path file = dir.resolve("data/read-positions.properties");
        var timers = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            ReadPositions positions = ReadPositions.open(file, timers, java.time.Duration.ofHours(1));
            ReadMarks office = positions.forServer("10.0.0.5:7480");
            office.save("Alice", RoomName.of("general"), new ReadMarks.Mark(41, "e1"));
            positions.forServer("other:7480").save("alice", RoomName.of("general"), new ReadMarks.Mark(3, "e9"));
            assertThat(file).as("written later, in one go").doesNotExist();
            office.flush();
            ReadPositions reopened = ReadPositions.open(file, timers, java.time.Duration.ZERO);
            assertThat(reopened.forServer("10.0.0.5:7480").find("alice", RoomName.of("general")))
                    .contains(new ReadMarks.Mark(41, "e1"));
            assertThat(reopened.forServer("10.0.0.5:7480").find("bob", RoomName.of("general"))).isEmpty();
            assertThat(reopened.forServer("other:7480").find("alice", RoomName.of("general")))
                    .contains(new ReadMarks.Mark(3, "e9"));
            Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        } finally {
            timers.shutdownNow();
        }
    }

    @Test
    void outboxEntriesSurviveReopeningInOrder() {
        Path file = dir.resolve("outbox/server.properties");
        FileOutbox outbox = FileOutbox.open(file);
        outbox.add(new OutboxEntry("c1", "alice", RoomName.of("general"), "line one\nline two = with: specials",
                null, Instant.parse("2026-11-21T10:00:00Z")));
        outbox.add(new OutboxEntry("c2", "alice", RoomName.of("builds"), "second", 4L,
                Instant.parse("2026-11-21T10:00:01Z")));
        outbox.remove("c0-unknown");
        FileOutbox reopened = FileOutbox.open(file);
        assertThat(reopened.entries()).extracting(OutboxEntry::clientId).containsExactly("c1", "c2");
        assertThat(reopened.entries().getFirst().content()).isEqualTo("line one\nline two = with: specials");
        assertThat(reopened.entries().get(1).replyTo()).isEqualTo(4L);
        reopened.remove("c1");
        assertThat(FileOutbox.open(file).entries()).extracting(OutboxEntry::clientId).containsExactly("c2");
    }

    @Test
    void aDamagedOutboxIsSetAsideNotLost() throws Exception {
        Path file = dir.resolve("outbox.properties");
        Files.writeString(file, "count=2\n0.clientId=x\n");
        assertThat(FileOutbox.open(file).entries()).isEmpty();
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
                .anyMatch(name -> name.startsWith("outbox.properties.damaged-"));
    }

    @Test
    void settingsRememberRecentServersNewestFirstWithoutDuplicates() {
        Settings settings = Settings.load(dir.resolve("settings.properties"));
        settings.lastServer("a:7480");
        settings.lastServer("b:7480");
        settings.lastServer("a:7480");
        settings.theme(Theme.DARK);
        Settings reloaded = Settings.load(dir.resolve("settings.properties"));
        assertThat(reloaded.recentServers()).containsExactly("a:7480", "b:7480");
        assertThat(reloaded.theme()).isEqualTo(Theme.DARK);
    }

    @Test
    void pathsFollowThePlatformConventions() {
        Path home = Path.of("/home/dana");
        assertThat(AppPaths.of("Linux", home, Map.of()).config()).isEqualTo(Path.of("/home/dana/.config/confab"));
        assertThat(AppPaths.of("Linux", home, Map.of("XDG_DATA_HOME", "/data")).hostData())
                .isEqualTo(Path.of("/data/confab/host"));
        assertThat(AppPaths.of("Linux", home, Map.of("XDG_CONFIG_HOME", "relative")).config())
                .isEqualTo(Path.of("/home/dana/.config/confab"));
        assertThat(AppPaths.of("Mac OS X", home, Map.of()).config())
                .isEqualTo(Path.of("/home/dana/Library/Application Support/Confab"));
    }
}
