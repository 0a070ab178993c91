package dev.confab.server.store.sqlite;

import dev.confab.protocol.MessageContent;
import dev.confab.protocol.RoomName;
import dev.confab.server.store.AppendResult;
import dev.confab.server.store.ChangeResult;
import dev.confab.server.store.NewMessage;
import dev.confab.server.store.StoredMessage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The SQL of every write of the message store; each runs inside the writer's transaction. */
final class MessageWrites {
    private MessageWrites() {
    }

    /**
     * Looks for an earlier message with the same (room, user, client id) first, in the same transaction, so that
     * a resend is found even when the first send is in the same batch; otherwise takes the room's next seq (and
     * creates the room if it has none yet).
     */
    static AppendResult append(WriteContext context, NewMessage message) throws SQLException {
        if (message.clientId() != null) {
            Optional<StoredMessage> earlier = findByClientId(context, message.room(), message.userId(),
                    message.clientId().value());
            if (earlier.isPresent()) {
                return new AppendResult(earlier.get(), true);
            }
        }
        long createdAt = message.timestamp().toEpochMilli();
        long seq = nextSeq(context, message.room(), createdAt);
        PreparedStatement insert = context.statement("INSERT INTO messages (" + MessageRows.COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0)");
        String clientId = message.clientId() == null ? null : message.clientId().value();
        insert.setString(1, message.room().value());
        insert.setLong(2, seq);
        insert.setString(3, message.userId());
        insert.setString(4, message.username());
        setNullableString(insert, 5, clientId);
        insert.setString(6, message.content().value());
        if (message.replyTo() == null) {
            insert.setNull(7, Types.INTEGER);
        } else {
            insert.setLong(7, message.replyTo());
        }
        setNullableString(insert, 8, message.metadataJson());
        insert.setLong(9, createdAt);
        insert.executeUpdate();
        return new AppendResult(new StoredMessage(message.room(), seq, message.userId(), message.username(),
                clientId, message.content().value(), message.replyTo(), message.metadataJson(),
                Instant.ofEpochMilli(createdAt), null, false), false);
    }

    static void ensureRoom(WriteContext context, RoomName room, long createdAt) throws SQLException {
        PreparedStatement insert = context.statement(
                "INSERT INTO rooms (room, last_seq, created_at) VALUES (?, 0, ?) ON CONFLICT (room) DO NOTHING");
        insert.setString(1, room.value());
        insert.setLong(2, createdAt);
        insert.executeUpdate();
    }

    static void addMember(WriteContext context, RoomName room, String userId, long at) throws SQLException {
        ensureRoom(context, room, at);
        PreparedStatement insert = context.statement("INSERT INTO room_members (room, user_id, joined_at) "
                + "VALUES (?, ?, ?) ON CONFLICT (room, user_id) DO NOTHING");
        insert.setString(1, room.value());
        insert.setString(2, userId);
        insert.setLong(3, at);
        insert.executeUpdate();
    }

    static void removeMember(WriteContext context, RoomName room, String userId) throws SQLException {
        PreparedStatement delete = context.statement("DELETE FROM room_members WHERE room = ? AND user_id = ?");
        delete.setString(1, room.value());
        delete.setString(2, userId);
        delete.executeUpdate();
    }

    static ChangeResult edit(WriteContext context, RoomName room, long seq, String userId, MessageContent content,
                             Instant at) throws SQLException {
        return change(context, room, seq, userId, "UPDATE messages SET content = ?, edited_at = ? "
                + "WHERE room = ? AND seq = ?", update -> {
                    update.setString(1, content.value());
                    update.setLong(2, at.toEpochMilli());
                    update.setString(3, room.value());
                    update.setLong(4, seq);
                });
    }

    /** Drops content and metadata but keeps the row, its seq, author, time and client id (so a resend stays a
     * duplicate and never brings the message back). */
    static ChangeResult delete(WriteContext context, RoomName room, long seq, String userId) throws SQLException {
        return change(context, room, seq, userId, "UPDATE messages SET content = NULL, metadata = NULL, deleted = 1 "
                + "WHERE room = ? AND seq = ?", update -> {
                    update.setString(1, room.value());
                    update.setLong(2, seq);
                });
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private static ChangeResult change(WriteContext context, RoomName room, long seq, String userId, String sql,
                                       Binder binder) throws SQLException {
        Optional<StoredMessage> current = find(context, room, seq);
        if (current.isEmpty() || current.get().deleted()) {
            return new ChangeResult.NotFound();
        }
        if (!current.get().userId().equals(userId)) {
            return new ChangeResult.NotAuthor();
        }
        PreparedStatement update = context.statement(sql);
        binder.bind(update);
        update.executeUpdate();
        return new ChangeResult.Changed(find(context, room, seq).orElseThrow());
    }

    /**
     * Takes the room's next seq in one statement ({@code UPDATE … RETURNING}), creating the room with seq 1 when it
     * does not exist yet. It used to be three (insert-or-ignore the room, update, select): an append runs on the one
     * writer thread, and S7 measured the writer as the store's ceiling (docs/BENCHMARKS.md).
     */
    private static long nextSeq(WriteContext context, RoomName room, long createdAt) throws SQLException {
        PreparedStatement update = context.statement(
                "UPDATE rooms SET last_seq = last_seq + 1 WHERE room = ? RETURNING last_seq");
        update.setString(1, room.value());
        try (ResultSet rows = update.executeQuery()) {
            if (rows.next()) {
                return rows.getLong(1);
            }
        }
        PreparedStatement insert = context.statement(
                "INSERT INTO rooms (room, last_seq, created_at) VALUES (?, 1, ?)");
        insert.setString(1, room.value());
        insert.setLong(2, createdAt);
        insert.executeUpdate();
        return 1;
    }

    private static Optional<StoredMessage> find(WriteContext context, RoomName room, long seq) throws SQLException {
        PreparedStatement select = context.statement("SELECT " + MessageRows.COLUMNS
                + " FROM messages WHERE room = ? AND seq = ?");
        select.setString(1, room.value());
        select.setLong(2, seq);
        try (ResultSet rows = select.executeQuery()) {
            return rows.next() ? Optional.of(MessageRows.read(rows)) : Optional.empty();
        }
    }

    private static Optional<StoredMessage> findByClientId(WriteContext context, RoomName room, String userId,
                                                          String clientId) throws SQLException {
        PreparedStatement select = context.statement("SELECT " + MessageRows.COLUMNS
                + " FROM messages WHERE room = ? AND user_id = ? AND client_id = ?");
        select.setString(1, room.value());
        select.setString(2, userId);
        select.setString(3, clientId);
        try (ResultSet rows = select.executeQuery()) {
            return rows.next() ? Optional.of(MessageRows.read(rows)) : Optional.empty();
        }
    }

    private static void setNullableString(PreparedStatement statement, int index, @Nullable String value)
            throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }
}
