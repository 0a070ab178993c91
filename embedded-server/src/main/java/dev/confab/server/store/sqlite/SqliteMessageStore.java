package dev.confab.server.store.sqlite;

import dev.confab.protocol.MessageContent;
import dev.confab.protocol.RoomName;
import dev.confab.server.store.AppendResult;
import dev.confab.server.store.ChangeResult;
import dev.confab.server.store.DataDirectory;
import dev.confab.server.store.MessageStore;
import dev.confab.server.store.NewMessage;
import dev.confab.server.store.RoomInfo;
import dev.confab.server.store.StoredMessage;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MessageStore} on one SQLite file. Writes go to the one {@link Writer} thread (bounded queue, group
 * commit, futures completed after COMMIT <em>on the writer thread</em>: keep continuations short or use the
 * {@code *Async} forms). Reads use the read connections and the in-memory {@link RoomView}.
 *
 * <p>{@link #ensureRoom}, {@link #addMember} and {@link #removeMember} return without waiting for the disk: they
 * change the in-memory view and queue the matching write under one lock, so the view and the queue see the same
 * order and {@link #rooms()} / {@link #members} show the change at once, on any thread. Such writes are never
 * refused for a full queue. If one fails (disk error) the view keeps the change until the next restart, which
 * reloads the view from the file; the failure is logged.
 */
public final class SqliteMessageStore implements MessageStore {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteMessageStore.class);
    private static final String PAGE = "SELECT " + MessageRows.COLUMNS
            + " FROM messages WHERE room = ? AND seq < ? ORDER BY seq DESC LIMIT ?";
    private static final String SINCE = "SELECT " + MessageRows.COLUMNS
            + " FROM messages WHERE room = ? AND seq > ? ORDER BY seq LIMIT ?";
    private static final String FIND = "SELECT " + MessageRows.COLUMNS + " FROM messages WHERE room = ? AND seq = ?";

    private final SqliteDatabase database;
    private final Writer writer;
    private final RoomView view;
    private final MemberNames memberNames;
    private final SqliteAccountStore accounts;
    private final Clock clock;
    private final AtomicLong messages = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    private SqliteMessageStore(SqliteDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.view = database.read(RoomView::load);
        this.writer = new Writer(database);
        this.memberNames = new MemberNames(database);
        this.accounts = new SqliteAccountStore(database, writer, clock);
    }

    /** Opens (creating and migrating as needed) the store in the database file. */
    public static SqliteMessageStore open(Path databaseFile, StoreConfig config, Clock clock) {
        SqliteDatabase database = SqliteDatabase.open(databaseFile, config, clock);
        try {
            return new SqliteMessageStore(database, clock);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Opens (creating and migrating as needed) the store in the data directory's {@code confab.db}. */
    public static SqliteMessageStore open(DataDirectory directory, StoreConfig config, Clock clock) {
        return open(directory.database(), config, clock);
    }

    /** The accounts, in the same database and written by the same writer. Closed with this store. */
    public SqliteAccountStore accounts() {
        return accounts;
    }

    /** The database, e.g. for {@link SqliteDatabase#backupTo}. */
    public SqliteDatabase database() {
        return database;
    }

    /** Counters that show how the writer batches. */
    public WriterStats stats() {
        return new WriterStats(writer.transactions(), writer.writes(), messages.get(), writer.failedBatches(),
                writer.queued());
    }

    @Override
    public String epoch() {
        return database.epoch();
    }

    @Override
    public CompletableFuture<AppendResult> append(NewMessage message) {
        return writer.submit(new WriteOp<>() {
            @Override
            public AppendResult apply(WriteContext context) throws SQLException {
                return MessageWrites.append(context, message);
            }

            @Override
            public void committed(AppendResult result) {
                if (!result.duplicate()) {
                    view.committed(message.room(), result.message().seq());
                    messages.incrementAndGet();
                }
            }
        }, true);
    }

    @Override
    public CompletableFuture<ChangeResult> edit(RoomName room, long seq, String userId, MessageContent content,
                                                Instant at) {
        return writer.submit(context -> MessageWrites.edit(context, room, seq, userId, content, at), true);
    }

    @Override
    public CompletableFuture<ChangeResult> delete(RoomName room, long seq, String userId) {
        return writer.submit(context -> MessageWrites.delete(context, room, seq, userId), true);
    }

    @Override
    public List<StoredMessage> page(RoomName room, @Nullable Long before, int limit) {
        requireLimit(limit);
        long below = before == null ? Long.MAX_VALUE : before;
        // Newest first, straight down the primary key, and turned oldest first here: sorting the page again in
        // SQL (a subquery with its own ORDER BY) built a temporary b-tree for every page.
        return database.query(PAGE, select -> {
            select.setString(1, room.value());
            select.setLong(2, below);
            select.setInt(3, limit);
            try (ResultSet rows = select.executeQuery()) {
                List<StoredMessage> newestFirst = MessageRows.readAll(rows);
                Collections.reverse(newestFirst);
                return newestFirst;
            }
        });
    }

    @Override
    public List<StoredMessage> since(RoomName room, long after, int limit) {
        requireLimit(limit);
        return database.query(SINCE, select -> {
            select.setString(1, room.value());
            select.setLong(2, after);
            select.setInt(3, limit);
            try (ResultSet rows = select.executeQuery()) {
                return MessageRows.readAll(rows);
            }
        });
    }

    @Override
    public Optional<StoredMessage> find(RoomName room, long seq) {
        return database.query(FIND, select -> {
            select.setString(1, room.value());
            select.setLong(2, seq);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(MessageRows.read(rows)) : Optional.empty();
            }
        });
    }

    /** From memory: updated right after each COMMIT, before the append's future completes. */
    @Override
    public long lastSeq(RoomName room) {
        return view.lastSeq(room);
    }

    @Override
    public void ensureRoom(RoomName room) {
        ReentrantLock lock = writer.submitLock();
        lock.lock();
        try {
            if (view.ensure(room)) {
                long at = clock.millis();
                logFailure(writer.submit(context -> {
                    MessageWrites.ensureRoom(context, room, at);
                    return null;
                }, false), "create room " + room);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<RoomInfo> rooms() {
        return view.rooms();
    }

    @Override
    public void addMember(RoomName room, String userId) {
        ReentrantLock lock = writer.submitLock();
        lock.lock();
        try {
            view.ensure(room);
            if (view.addMember(room, userId)) {
                long at = clock.millis();
                logFailure(writer.submit(context -> {
                    MessageWrites.addMember(context, room, userId, at);
                    return null;
                }, false), "add a member to " + room);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void removeMember(RoomName room, String userId) {
        ReentrantLock lock = writer.submitLock();
        lock.lock();
        try {
            if (view.removeMember(room, userId)) {
                logFailure(writer.submit(context -> {
                    MessageWrites.removeMember(context, room, userId);
                    return null;
                }, false), "remove a member from " + room);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The members in the view that are registered accounts, by name. */
    @Override
    public List<Member> members(RoomName room) {
        return memberNames.resolve(view.members(room));
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (!writer.close(database.config().closeTimeout().toMillis())) {
            LOG.error("The store writer did not finish its queue within {}; closing anyway",
                    database.config().closeTimeout());
        }
        database.close();
    }

    private static void requireLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
    }

    private static void logFailure(CompletableFuture<?> write, String what) {
        write.whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.error("Could not {}: {}", what, failure.getMessage());
            }
        });
    }
}
