package dev.confab.server.store.postgres;

import dev.confab.protocol.RoomName;
import dev.confab.server.store.StoredMessage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The columns of a message and how a row becomes a {@link StoredMessage}. */
final class PgMessageRows {
    static final String COLUMNS = "room, seq, user_id, username, client_id, content, reply_to, metadata, "
            + "created_at, edited_at, deleted";

    private PgMessageRows() {
    }

    static StoredMessage read(ResultSet row) throws SQLException {
        long replyTo = row.getLong(7);
        Long replyToOrNull = row.wasNull() ? null : replyTo;
        long editedAt = row.getLong(10);
        Instant editedAtOrNull = row.wasNull() ? null : Instant.ofEpochMilli(editedAt);
        return new StoredMessage(RoomName.of(row.getString(1)), row.getLong(2), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), replyToOrNull, row.getString(8),
                Instant.ofEpochMilli(row.getLong(9)), editedAtOrNull, row.getBoolean(11));
    }

    static List<StoredMessage> readAll(PreparedStatement select) throws SQLException {
        List<StoredMessage> messages = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                messages.add(read(rows));
            }
        }
        return messages;
    }

    static void setNullable(PreparedStatement statement, int index, @Nullable String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    static void setNullable(PreparedStatement statement, int index, @Nullable Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }
}
