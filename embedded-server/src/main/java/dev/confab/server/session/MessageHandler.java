package dev.confab.server.session;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.MessageContent;
import dev.confab.protocol.RoomName;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.auth.Identity;
import dev.confab.server.bus.MessageBus;
import dev.confab.server.store.ChangeResult;
import dev.confab.server.store.NewMessage;
import dev.confab.server.store.StoreException;
import dev.confab.server.store.StoredMessage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages: send (stored first, then broadcast: the echo is the acknowledgement), history pages, edits and
 * deletes. Writes complete on the store's completion thread, in commit order; what follows them only enqueues frames.
 */
final class MessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(MessageHandler.class);

    private final ChatContext ctx;
    private final Set<CompletableFuture<?>> writesInFlight = ConcurrentHashMap.newKeySet();
    private final Map<RoomName, Lock> roomLocks = new ConcurrentHashMap<>();

    MessageHandler(ChatContext ctx) {
        this.ctx = ctx;
    }

    void send(Session session, Identity who, ClientFrame.SendMessage frame) {
        RoomName room = frame.room();
        if (!session.requireRoom(room, frame.id()) || !withinLimit(session, room, frame.id(), frame.data().content())) {
            return;
        }
        ClientFrame.Outgoing data = frame.data();
        NewMessage message = new NewMessage(room, who.userId(), who.username().value(), data.clientId(),
                data.content(), data.replyTo(), data.metadata() == null ? null : data.metadata().toString(),
                ctx.now());
        // Open before the write starts and closed only after the publish: a bus healing from the store meanwhile
        // leaves this message to the publish, which carries the author's copy.
        MessageBus.Storing storing = ctx.hub().storing(room, who.userId(),
                data.clientId() == null ? null : data.clientId().value());
        track(session, room, frame.id(), "stored", () -> ctx.store().append(message), result -> {
            StoredMessage stored = result.message();
            if (result.duplicate()) {
                session.reply(ctx.toFrame(stored, frame.id()));
            } else {
                ctx.hub().publish(room, ctx.toFrame(stored, null), stored.seq(), session,
                        frame.id() == null ? null : ctx.toFrame(stored, frame.id()));
            }
        }, storing::close);
    }

    void history(Session session, Identity who, ClientFrame.History frame) {
        RoomName room = frame.room();
        if (!session.requireRoom(room, frame.id())) {
            return;
        }
        ClientFrame.HistoryQuery query = frame.query();
        int limit = query.limitOrDefault();
        List<StoredMessage> page = ctx.store().page(room, query.before(), limit + 1);
        boolean hasMore = page.size() > limit;
        List<ServerFrame.Message> messages = page.stream().skip(hasMore ? page.size() - limit : 0)
                .map(m -> ctx.toFrame(m, null)).toList();
        session.reply(new ServerFrame.History(room, frame.id(), ctx.now(), new ServerFrame.Page(messages, hasMore)));
    }

    void edit(Session session, Identity who, ClientFrame.EditMessage frame) {
        RoomName room = frame.room();
        if (!session.requireRoom(room, frame.id()) || !withinLimit(session, room, frame.id(), frame.data().content())) {
            return;
        }
        long seq = frame.data().seq();
        track(session, room, frame.id(), "edited",
                () -> ctx.store().edit(room, seq, who.userId(), frame.data().content(), ctx.now()),
                result -> changed(session, frame.id(), room, seq, result,
                        (stored, replyTo) -> new ServerFrame.MessageEdited(room, who.username().value(), replyTo,
                                ctx.now(), new ServerFrame.Edited(seq,
                                        stored.content() == null ? "" : stored.content(),
                                        stored.editedAt() == null ? ctx.now() : stored.editedAt()))));
    }

    void delete(Session session, Identity who, ClientFrame.DeleteMessage frame) {
        RoomName room = frame.room();
        if (!session.requireRoom(room, frame.id())) {
            return;
        }
        long seq = frame.data().seq();
        track(session, room, frame.id(), "deleted", () -> ctx.store().delete(room, seq, who.userId()),
                result -> changed(session, frame.id(), room, seq, result,
                        (stored, replyTo) -> new ServerFrame.MessageDeleted(room, who.username().value(), replyTo,
                                ctx.now(), new ServerFrame.Deleted(seq))));
    }

    /** Writes started and not yet answered; a graceful stop waits for them. */
    int writesInFlight() {
        return writesInFlight.size();
    }

    /** Announces a change to the room (the author's copy with {@code reply_to}), or answers why there was none. */
    private void changed(Session session, @Nullable String requestId, RoomName room, long seq, ChangeResult result,
                         BiFunction<StoredMessage, @Nullable String, ServerFrame> announcement) {
        switch (result) {
            case ChangeResult.Changed changed -> ctx.hub().publish(room, announcement.apply(changed.message(), null),
                    0, session, requestId == null ? null : announcement.apply(changed.message(), requestId));
            case ChangeResult.NotFound notFound ->
                    session.error(room, requestId, ErrorCode.NOT_FOUND, "There is no message " + seq + " in " + room
                            + ".");
            case ChangeResult.NotAuthor notAuthor ->
                    session.error(room, requestId, ErrorCode.FORBIDDEN, "Only the author may change message " + seq
                            + ".");
        }
    }

    private boolean withinLimit(Session session, RoomName room, @Nullable String requestId, MessageContent content) {
        int max = ctx.config().limits().maxContentChars();
        if (content.length() <= max) {
            return true;
        }
        session.error(room, requestId, ErrorCode.TOO_LARGE, "A message may have at most " + max + " characters.");
        return false;
    }

    /**
     * Starts a write and runs {@code then} when it is durable; a failed write is answered, never dropped in silence.
     *
     * <p>Broadcasts must leave in seq order. The store completes writes in that order on its writer thread, but a
     * continuation added to a future that is already complete runs at once on the adding thread: without the
     * room's lock, message 1's echo (added late, on its sender's thread) could follow message 2's (run by the
     * writer). Under the lock, the next write of the room is only submitted once this one's continuation is in
     * place, so continuations run in submission order, which is seq order.
     */
    private <T> void track(Session session, RoomName room, @Nullable String requestId, String what,
                           Supplier<CompletableFuture<T>> start, Consumer<T> then) {
        track(session, room, requestId, what, start, then, () -> { });
    }

    /** Like the above; {@code settled} runs last, once the write is answered either way (or failed to start). */
    private <T> void track(Session session, RoomName room, @Nullable String requestId, String what,
                           Supplier<CompletableFuture<T>> start, Consumer<T> then, Runnable settled) {
        Lock lock = roomLocks.computeIfAbsent(room, r -> new ReentrantLock());
        lock.lock();
        try {
            CompletableFuture<T> write;
            try {
                write = start.get();
            } catch (RuntimeException e) {
                settled.run();
                throw e;
            }
            writesInFlight.add(write);
            write.whenComplete((result, failure) -> {
                try {
                    if (failure == null) {
                        then.accept(result);
                    } else {
                        storeFailed(session, room, requestId, what, failure);
                    }
                } catch (RuntimeException e) {
                    // The store's thread must survive whatever happens after a write.
                    LOG.error("Handling a completed write for {} failed", session, e);
                } finally {
                    // Only now is the write answered: a graceful stop waits until this set is empty.
                    writesInFlight.remove(write);
                    settled.run();
                }
            });
        } finally {
            lock.unlock();
        }
    }

    private static void storeFailed(Session session, RoomName room, @Nullable String requestId, String what,
                                    Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        boolean busy = cause instanceof StoreException store && store.busy();
        if (!busy) {
            LOG.warn("A write for {} in {} failed: {}", session, room, cause.toString());
        }
        session.error(room, requestId, ErrorCode.INTERNAL_ERROR, busy
                ? "The server is busy and did not store this; send it again in a moment."
                : "The server could not store this, so it was not " + what + "; try again.");
    }
}
