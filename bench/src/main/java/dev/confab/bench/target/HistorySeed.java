package dev.confab.bench.target;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fills a stopped Confab server's SQLite file ({@code confab.db}, created and migrated by starting the server
 * once) with history, in one transaction, through the server's own tables: rooms with their {@code last_seq} and
 * messages numbered 1 to {@code perRoom}. A million messages take seconds this way; through the protocol they
 * take as long as the store's durable write path needs, which is what S7 measures, not S8.
 */
public final class HistorySeed {
    private static final int CONTENT_CHARS = 100;

    private HistorySeed() {
    }

    /** Writes {@code rooms} rooms named {@code prefix + i}, each with {@code perRoom} messages. */
    public static void seed(Path dataDir, String prefix, int rooms, int perRoom) throws SQLException {
        Path db = dataDir.resolve("confab.db");
        if (!Files.exists(db)) {
            throw new IllegalStateException("no " + db + ": start the server once first, so it creates its schema");
        }
        String content = "s".repeat(CONTENT_CHARS);
        long now = System.currentTimeMillis();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            try (Statement pragma = c.createStatement()) {
                pragma.execute("PRAGMA synchronous = OFF");
            }
            c.setAutoCommit(false);
            try (PreparedStatement room = c.prepareStatement(
                    "INSERT INTO rooms (room, last_seq, created_at) VALUES (?, ?, ?)");
                 PreparedStatement message = c.prepareStatement("INSERT INTO messages (room, seq, user_id, "
                         + "username, client_id, content, reply_to, metadata, created_at, edited_at, deleted) "
                         + "VALUES (?, ?, 'seed', 'seed', NULL, ?, NULL, NULL, ?, NULL, 0)")) {
                for (int r = 0; r < rooms; r++) {
                    String name = prefix + r;
                    room.setString(1, name);
                    room.setLong(2, perRoom);
                    room.setLong(3, now);
                    room.executeUpdate();
                    for (int seq = 1; seq <= perRoom; seq++) {
                        message.setString(1, name);
                        message.setLong(2, seq);
                        message.setString(3, content);
                        message.setLong(4, now - (long) (perRoom - seq) * 1000);
                        message.executeUpdate();
                    }
                }
            }
            c.commit();
            try (Statement checkpoint = c.createStatement()) {
                checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        }
    }
}
