package dev.confab.server.admin;

import dev.confab.protocol.MessageContent;
import dev.confab.protocol.RoomName;
import dev.confab.server.store.AppendResult;
import dev.confab.server.store.ChangeResult;
import dev.confab.server.store.MessageStore;
import dev.confab.server.store.NewMessage;
import dev.confab.server.store.RoomInfo;
import dev.confab.server.store.StoredMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** A store that counts stored messages and times each append until its COMMIT; everything else passes through. */
public final class MeteredMessageStore implements MessageStore {
    private final MessageStore store;
    private final ServerMetrics metrics;

    private MeteredMessageStore(MessageStore store, ServerMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    public static MeteredMessageStore wrap(MessageStore store, ServerMetrics metrics) {
        return new MeteredMessageStore(store, metrics);
    }

    @Override
    public String epoch() {
        return store.epoch();
    }

    @Override
    public CompletableFuture<AppendResult> append(NewMessage message) {
        long started = System.nanoTime();
        CompletableFuture<AppendResult> write = store.append(message);
        // Counted before the caller's continuation runs (whenComplete stages run in the order they were added).
        write.whenComplete((result, failure) -> {
            if (failure == null && !result.duplicate()) {
                metrics.messageStored(Duration.ofNanos(System.nanoTime() - started));
            }
        });
        return write;
    }

    @Override
    public CompletableFuture<ChangeResult> edit(RoomName room, long seq, String userId, MessageContent content,
                                                Instant at) {
        return store.edit(room, seq, userId, content, at);
    }

    @Override
    public CompletableFuture<ChangeResult> delete(RoomName room, long seq, String userId) {
        return store.delete(room, seq, userId);
    }

    @Override
    public List<StoredMessage> page(RoomName room, @Nullable Long before, int limit) {
        return store.page(room, before, limit);
    }

    @Override
    public List<StoredMessage> since(RoomName room, long after, int limit) {
        return store.since(room, after, limit);
    }

    @Override
    public Optional<StoredMessage> find(RoomName room, long seq) {
        return store.find(room, seq);
    }

    @Override
    public long lastSeq(RoomName room) {
        return store.lastSeq(room);
    }

    @Override
    public void ensureRoom(RoomName room) {
        store.ensureRoom(room);
    }

    @Override
    public List<RoomInfo> rooms() {
        return store.rooms();
    }

    @Override
    public void addMember(RoomName room, String userId) {
        store.addMember(room, userId);
    }

    @Override
    public void removeMember(RoomName room, String userId) {
        store.removeMember(room, userId);
    }

    @Override
    public List<Member> members(RoomName room) {
        return store.members(room);
    }

    /** The wrapped store stays open; its owner closes it. */
    @Override
    public void close() {
        // Nothing of its own to close.
    }
}
