package dev.confab.server.testing;

import static org.awaitility.Awaitility.await;

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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A store whose appends are answered only after the node's gap healer has read the new message from the store and
 * then started one more poll (so whatever it did with the message is done): the widest window there is between a
 * message becoming visible in the shared store and the node that stored it broadcasting it. The healer is told
 * apart by its thread's name. Everything else passes straight through.
 */
public final class HealerFirstStore implements MessageStore {
    private static final String HEALER_THREAD = "confab-redis-healer";
    private static final Duration MAX_WAIT = Duration.ofSeconds(20);

    private final MessageStore store;
    private final ExecutorService answers = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<RoomName, Long> readByHealer = new ConcurrentHashMap<>();
    private final AtomicInteger healerPolls = new AtomicInteger();
    private final AtomicInteger answeredAfterHealer = new AtomicInteger();

    private HealerFirstStore(MessageStore store) {
        this.store = store;
    }

    public static HealerFirstStore wrap(MessageStore store) {
        return new HealerFirstStore(store);
    }

    /** Appends answered only after the healer had read the message (the waits did not time out). */
    public int answeredAfterHealer() {
        return answeredAfterHealer.get();
    }

    @Override
    public String epoch() {
        return store.epoch();
    }

    @Override
    public CompletableFuture<AppendResult> append(NewMessage message) {
        return store.append(message).thenApplyAsync(result -> {
            long seq = result.message().seq();
            // A wait that times out fails the append, so a test over this store cannot pass without the window.
            await().atMost(MAX_WAIT).until(() -> readByHealer.getOrDefault(message.room(), 0L) >= seq);
            int polls = healerPolls.get();
            await().atMost(MAX_WAIT).until(() -> healerPolls.get() > polls);
            answeredAfterHealer.incrementAndGet();
            return result;
        }, answers);
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
        List<StoredMessage> messages = store.since(room, after, limit);
        if (!messages.isEmpty() && Thread.currentThread().getName().equals(HEALER_THREAD)) {
            readByHealer.merge(room, messages.getLast().seq(), Math::max);
        }
        return messages;
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
        if (Thread.currentThread().getName().equals(HEALER_THREAD)) {
            healerPolls.incrementAndGet();
        }
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

    /** Stops answering; the wrapped store is closed by its owner. */
    @Override
    public void close() {
        answers.shutdownNow();
    }
}
