package dev.confab.server.store.sqlite;

import dev.confab.protocol.RoomName;
import dev.confab.server.store.StoredMessage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The columns of a message and how a row becomes a {@link StoredMessage}. */
final class MessageRows {
    static final String COLUMNS = "room, seq, user_id, username, client_id, content, reply_to, metadata, "
            + "created_at, edited_at, deleted";

    private MessageRows() {
    }

    static StoredMessage read(ResultSet row) throws SQLException {
        long replyTo = row.getLong(7);
        Long replyToOrNull = row.wasNull() ? null : replyTo;
        long editedAt = row.getLong(10);
        Instant editedAtOrNull = row.wasNull() ? null : Instant.ofEpochMilli(editedAt);
        return new StoredMessage(RoomName.of(row.getString(1)), row.getLong(2), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), replyToOrNull, row.getString(8),
                Instant.ofEpochMilli(row.getLong(9)), editedAtOrNull, row.getInt(11) != 0);
    }

    static List<StoredMessage> readAll(ResultSet rows) throws SQLException {
        List<StoredMessage> messages = new ArrayList<>();
        while (rows.next()) {
            messages.add(read(rows));
        }
        return messages;
    }
}
