package dev.confab.client.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.server.ConfabServer;
import dev.confab.server.RunningServer;
import dev.confab.server.ServerConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client is killed (SIGKILL) while it sends: restarted on the same outbox file, it sends every message that
 * was in its outbox again, with the same client id, and each is stored exactly once.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class OutboxCrashTest {
    private static final int TO_SEND = 1_000;
    private static final int KILL_AFTER = 200;

    @TempDir
    Path dir;

    @Test
    void aKilledClientResendsItsOutboxOnceAfterRestart() throws Exception {
        Path data = dir.resolve("data");
        Path outbox = dir.resolve("outbox.properties");
        try (RunningServer server = ConfabServer.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .dataDir(data).framesPerSecond(100_000).frameBurst(100_000).build())) {
            String url = "ws://127.0.0.1:" + server.port() + "/ws";
            List<String> sent = new ArrayList<>();
            Process first = client(url, outbox, TO_SEND, dir.resolve("first.log"));
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(first.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while (sent.size() < KILL_AFTER && (line = lines.readLine()) != null) {
                    if (line.startsWith("sent ")) {
                        sent.add(line.substring("sent ".length()));
                    }
                }
                // Mid-send: the client is still writing messages to its outbox and the wire. (Messages it wrote
                // after the ones read here are checked too: every row of this user must be there once.)
                first.destroyForcibly();
            }
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(sent).hasSize(KILL_AFTER);
            List<OutboxEntry> left = FileOutbox.open(outbox).entries();
            assertThat(left).as("the kill left messages unacknowledged in the outbox").isNotEmpty();

            Process second = client(url, outbox, 0, dir.resolve("second.log"));
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .until(() -> FileOutbox.open(outbox).entries().isEmpty()
                                && storedCopies(data).keySet().containsAll(sent));
            } finally {
                second.destroyForcibly();
                second.waitFor(30, TimeUnit.SECONDS);
            }
            Map<String, Integer> stored = storedCopies(data);
            assertThat(stored.values()).as("each message stored once").allMatch(copies -> copies == 1);
            assertThat(stored.keySet()).containsAll(sent);
            assertThat(seqs(data)).containsExactlyElementsOf(LongStream.rangeClosed(1, stored.size()).boxed()
                    .toList());
        }
    }

    private static Process client(String url, Path outbox, int count, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                OutboxClientMain.class.getName(), url, outbox.toString(), Integer.toString(count))
                .redirectError(log.toFile()).start();
    }

    /** How many rows the killed client's messages have, by client id. */
    private static Map<String, Integer> storedCopies(Path data) throws SQLException {
        Map<String, Integer> copies = new HashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("confab.db"));
             PreparedStatement query = db.prepareStatement(
                     "SELECT client_id, count(*) FROM messages WHERE user_id = ? GROUP BY client_id")) {
            query.setString(1, "g:" + OutboxClientMain.GUEST);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    copies.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return copies;
    }

    private static List<Long> seqs(Path data) throws SQLException {
        List<Long> seqs = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("confab.db"));
             PreparedStatement query = db.prepareStatement("SELECT seq FROM messages WHERE room = ? ORDER BY seq")) {
            query.setString(1, OutboxClientMain.ROOM.value());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    seqs.add(rows.getLong(1));
                }
            }
        }
        return seqs;
    }
}
