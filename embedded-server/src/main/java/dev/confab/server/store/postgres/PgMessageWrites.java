package dev.confab.server.store.postgres;

import dev.confab.protocol.MessageContent;
import dev.confab.protocol.RoomName;
import dev.confab.server.store.AppendResult;
import dev.confab.server.store.ChangeResult;
import dev.confab.server.store.NewMessage;
import dev.confab.server.store.StoredMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The SQL of every message write; each runs in its own transaction (READ COMMITTED). */
final class PgMessageWrites {
    private PgMessageWrites() {
    }

    /**
     * Takes the room's next seq with {@code UPDATE ... RETURNING}, which holds the room row's lock until COMMIT:
     * appends to one room are serialized across every node, and a rolled back append gives its seq back, so seqs
     * have no gaps. The resend check runs after the lock is taken, so it sees an equal message another node has
     * just committed; a duplicate rolls back (returning the seq) and answers the stored message.
     */
    static AppendResult append(Connection connection, NewMessage message) throws SQLException {
        long createdAt = message.timestamp().toEpochMilli();
        ensureRoom(connection, message.room(), createdAt);
        long seq = nextSeq(connection, message.room());
        String clientId = message.clientId() == null ? null : message.clientId().value();
        if (clientId != null) {
            Optional<StoredMessage> earlier = findByClientId(connection, message.room(), message.userId(), clientId);
            if (earlier.isPresent()) {
                connection.rollback();
                return new AppendResult(earlier.get(), true);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO messages (" + PgMessageRows.COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, FALSE)")) {
            insert.setString(1, message.room().value());
            insert.setLong(2, seq);
            insert.setString(3, message.userId());
            insert.setString(4, message.username());
            PgMessageRows.setNullable(insert, 5, clientId);
            insert.setString(6, message.content().value());
            PgMessageRows.setNullable(insert, 7, message.replyTo());
            PgMessageRows.setNullable(insert, 8, message.metadataJson());
            insert.setLong(9, createdAt);
            insert.executeUpdate();
        }
        return new AppendResult(new StoredMessage(message.room(), seq, message.userId(),
                message.username(), clientId, message.content().value(), message.replyTo(), message.metadataJson(),
                Instant.ofEpochMilli(createdAt), null, false), false);
    }

    static void ensureRoom(Connection connection, RoomName room, long createdAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO rooms (room, last_seq, created_at) VALUES (?, 0, ?) ON CONFLICT (room) DO NOTHING")) {
            insert.setString(1, room.value());
            insert.setLong(2, createdAt);
            insert.executeUpdate();
        }
    }

    static ChangeResult edit(Connection connection, RoomName room, long seq, String userId, MessageContent content,
                             Instant at) throws SQLException {
        return change(connection, room, seq, userId, "UPDATE messages SET content = ?, edited_at = ? "
                + "WHERE room = ? AND seq = ?", List.of(content.value(), at.toEpochMilli(), room.value(), seq));
    }

    /** Drops content and metadata but keeps the row, its seq, author, time and client id. */
    static ChangeResult delete(Connection connection, RoomName room, long seq, String userId) throws SQLException {
        return change(connection, room, seq, userId, "UPDATE messages SET content = NULL, metadata = NULL, "
                + "deleted = TRUE WHERE room = ? AND seq = ?", List.of(room.value(), seq));
    }

    private static ChangeResult change(Connection connection, RoomName room, long seq, String userId, String sql,
                                       List<Object> parameters) throws SQLException {
        // FOR UPDATE: an edit and a delete of one message on two nodes do not interleave.
        Optional<StoredMessage> current = find(connection, room, seq, " FOR UPDATE");
        if (current.isEmpty() || current.get().deleted()) {
            return new ChangeResult.NotFound();
        }
        if (!current.get().userId().equals(userId)) {
            return new ChangeResult.NotAuthor();
        }
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                update.setObject(i + 1, parameters.get(i));
            }
            update.executeUpdate();
        }
        return new ChangeResult.Changed(find(connection, room, seq, "").orElseThrow());
    }

    private static long nextSeq(Connection connection, RoomName room) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE rooms SET last_seq = last_seq + 1 WHERE room = ? RETURNING last_seq")) {
            update.setString(1, room.value());
            try (ResultSet rows = update.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("room " + room + " vanished inside the transaction");
                }
                return rows.getLong(1);
            }
        }
    }

    static Optional<StoredMessage> find(Connection connection, RoomName room, long seq, String lock)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + PgMessageRows.COLUMNS
                + " FROM messages WHERE room = ? AND seq = ?" + lock)) {
            select.setString(1, room.value());
            select.setLong(2, seq);
            List<StoredMessage> rows = PgMessageRows.readAll(select);
            return rows.stream().findFirst();
        }
    }

    private static Optional<StoredMessage> findByClientId(Connection connection, RoomName room, String userId,
                                                          String clientId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + PgMessageRows.COLUMNS
                + " FROM messages WHERE room = ? AND user_id = ? AND client_id = ?")) {
            select.setString(1, room.value());
            select.setString(2, userId);
            select.setString(3, clientId);
            return PgMessageRows.readAll(select).stream().findFirst();
        }
    }
}
