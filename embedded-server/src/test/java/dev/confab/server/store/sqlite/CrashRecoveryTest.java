package dev.confab.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.RoomName;
import dev.confab.server.store.StoredMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Kills a writing process with SIGKILL and checks that every acknowledged message is there after a restart. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CrashRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedMessageSurvivesAKill() throws Exception {
        Path database = dir.resolve("confab.db");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashWriterMain.class.getName(), database.toString())
                .redirectError(dir.resolve("writer.err").toFile())
                .start();
        Map<String, Long> acknowledged = new HashMap<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            // Log lines share the child's standard output; only "ack" lines count.
            while (acknowledged.size() < 2000 && (line = lines.readLine()) != null) {
                String[] parts = line.split(" ");
                if (parts.length == 4 && parts[0].equals("ack")) {
                    acknowledged.put(parts[1] + "/" + parts[2], Long.parseLong(parts[3]));
                }
            }
            writer.destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged).hasSize(2000);

        try (SqliteMessageStore store = SqliteMessageStore.open(database, StoreConfig.defaults(),
                StoreFixture.CLOCK)) {
            Map<String, Long> stored = new HashMap<>();
            for (String room : List.of("even", "odd")) {
                long last = store.lastSeq(RoomName.of(room));
                List<StoredMessage> messages = store.since(RoomName.of(room), 0, Integer.MAX_VALUE);
                assertThat(messages).extracting(StoredMessage::seq)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
                messages.forEach(message -> stored.put(room + "/" + message.clientId(), message.seq()));
            }
            assertThat(stored).containsAllEntriesOf(acknowledged);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("ok");
        }
    }
}
