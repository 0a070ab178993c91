package dev.confab.server.store.postgres;

import dev.confab.protocol.MessageContent;
import dev.confab.protocol.RoomName;
import dev.confab.server.store.AppendResult;
import dev.confab.server.store.ChangeResult;
import dev.confab.server.store.MessageStore;
import dev.confab.server.store.NewMessage;
import dev.confab.server.store.RoomInfo;
import dev.confab.server.store.StoredMessage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MessageStore} on the shared PostgreSQL database. Message writes run on {@link WriteLanes} (one room, one
 * lane: this node's writes to a room keep their order) in their own transactions, and complete after COMMIT on
 * the lane's thread. Every other call runs on the caller's thread and waits for the database; while it is down they
 * fail with {@link dev.confab.server.store.StoreException} after the connection timeout, and work again by
 * themselves once it is back.
 */
public final class PostgresMessageStore implements MessageStore {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresMessageStore.class);

    private final PostgresDatabase database;
    private final Clock clock;
    private final WriteLanes lanes;
    private final PostgresAccountStore accounts;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Rooms known to exist: rooms are never removed, so each join need not ask the database again. */
    private final Set<RoomName> knownRooms = ConcurrentHashMap.newKeySet();

    private PostgresMessageStore(PostgresDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.lanes = new WriteLanes(database.config().poolSize(), database.config().queueCapacity());
        this.accounts = new PostgresAccountStore(database, clock);
    }

    /** Connects to (and migrates) the database. */
    public static PostgresMessageStore open(PostgresConfig config, Clock clock) {
        return new PostgresMessageStore(PostgresDatabase.open(config, clock), clock);
    }

    /** The accounts in the same database. */
    public PostgresAccountStore accounts() {
        return accounts;
    }

    /** The database, for its shared signing key and health check. */
    public PostgresDatabase database() {
        return database;
    }

    @Override
    public String epoch() {
        return database.epoch();
    }

    @Override
    public CompletableFuture<AppendResult> append(NewMessage message) {
        return lanes.submit(message.room(), () -> database.transaction(c -> PgMessageWrites.append(c, message)));
    }

    @Override
    public CompletableFuture<ChangeResult> edit(RoomName room, long seq, String userId, MessageContent content,
                                                Instant at) {
        return lanes.submit(room, () -> database.transaction(c -> PgMessageWrites.edit(c, room, seq, userId,
                content, at)));
    }

    @Override
    public CompletableFuture<ChangeResult> delete(RoomName room, long seq, String userId) {
        return lanes.submit(room, () -> database.transaction(c -> PgMessageWrites.delete(c, room, seq, userId)));
    }

    @Override
    public List<StoredMessage> page(RoomName room, @Nullable Long before, int limit) {
        requireLimit(limit);
        long below = before == null ? Long.MAX_VALUE : before;
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT * FROM (SELECT "
                    + PgMessageRows.COLUMNS + " FROM messages WHERE room = ? AND seq < ? ORDER BY seq DESC LIMIT ?) "
                    + "AS newest ORDER BY seq")) {
                select.setString(1, room.value());
                select.setLong(2, below);
                select.setInt(3, limit);
                return PgMessageRows.readAll(select);
            }
        });
    }

    @Override
    public List<StoredMessage> since(RoomName room, long after, int limit) {
        requireLimit(limit);
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + PgMessageRows.COLUMNS
                    + " FROM messages WHERE room = ? AND seq > ? ORDER BY seq LIMIT ?")) {
                select.setString(1, room.value());
                select.setLong(2, after);
                select.setInt(3, limit);
                return PgMessageRows.readAll(select);
            }
        });
    }

    @Override
    public Optional<StoredMessage> find(RoomName room, long seq) {
        return database.read(connection -> PgMessageWrites.find(connection, room, seq, ""));
    }

    @Override
    public long lastSeq(RoomName room) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT last_seq FROM rooms WHERE room = ?")) {
                select.setString(1, room.value());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? rows.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public void ensureRoom(RoomName room) {
        if (knownRooms.contains(room)) {
            return;
        }
        database.read(connection -> {
            PgMessageWrites.ensureRoom(connection, room, clock.millis());
            return null;
        });
        knownRooms.add(room);
    }

    @Override
    public List<RoomInfo> rooms() {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT room, last_seq FROM rooms ORDER BY room");
                 ResultSet rows = select.executeQuery()) {
                List<RoomInfo> rooms = new ArrayList<>();
                while (rows.next()) {
                    rooms.add(new RoomInfo(RoomName.of(rows.getString(1)), rows.getLong(2)));
                }
                return rooms;
            }
        });
    }

    @Override
    public void addMember(RoomName room, String userId) {
        long at = clock.millis();
        database.read(connection -> {
            PgMessageWrites.ensureRoom(connection, room, at);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO room_members (room, user_id, "
                    + "joined_at) VALUES (?, ?, ?) ON CONFLICT (room, user_id) DO NOTHING")) {
                insert.setString(1, room.value());
                insert.setString(2, userId);
                insert.setLong(3, at);
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void removeMember(RoomName room, String userId) {
        database.read(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM room_members WHERE room = ? AND user_id = ?")) {
                delete.setString(1, room.value());
                delete.setString(2, userId);
                delete.executeUpdate();
            }
            return null;
        });
    }

    /** The registered members, in the order they joined; a member without an account is left out. */
    @Override
    public List<Member> members(RoomName room) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT m.user_id, a.username FROM "
                    + "room_members m JOIN accounts a ON a.user_id = m.user_id WHERE m.room = ? "
                    + "ORDER BY m.joined_at, m.user_id")) {
                select.setString(1, room.value());
                try (ResultSet rows = select.executeQuery()) {
                    List<Member> members = new ArrayList<>();
                    while (rows.next()) {
                        members.add(new Member(rows.getString(1), rows.getString(2)));
                    }
                    return members;
                }
            }
        });
    }

    /** Writes waiting on this node. */
    public int queuedWrites() {
        return lanes.queued();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (!lanes.close(database.config().closeTimeout().toMillis())) {
                LOG.error("The store's writes did not finish within {}; closing anyway",
                        database.config().closeTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        database.close();
    }

    private static void requireLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
    }
}
