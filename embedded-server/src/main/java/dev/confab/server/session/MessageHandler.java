package dev.confab.server.session;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.MessageContent;
import dev.confab.protocol.RoomName;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.auth.Identity;
import dev.confab.server.store.ChangeResult;
import dev.confab.server.store.NewMessage;
import dev.confab.server.store.StoreException;
import dev.confab.server.store.StoredMessage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages: send (stored first, then broadcast: the echo is the acknowledgement), history pages, edits and
 * deletes. Writes complete on the store's thread; what follows them only enqueues frames.
 */
final class MessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(MessageHandler.class);

    private final ChatContext ctx;
    private final Set<CompletableFuture<?>> writesInFlight = ConcurrentHashMap.newKeySet();

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
        track(session, room, frame.id(), "stored", ctx.store().append(message), result -> {
            if (result.duplicate()) {
                session.reply(ctx.toFrame(result.message(), frame.id()));
            } else {
                ctx.hub().publishMessage(ctx.toFrame(result.message(), null));
            }
        });
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
        var change = ctx.store().edit(room, seq, who.userId(), frame.data().content(), ctx.now());
        track(session, room, frame.id(), "edited", change, result -> changed(session, frame.id(), room, seq, result,
                stored -> new ServerFrame.MessageEdited(room, who.username().value(), null, ctx.now(),
                        new ServerFrame.Edited(seq, stored.content() == null ? "" : stored.content(),
                                stored.editedAt() == null ? ctx.now() : stored.editedAt()))));
    }

    void delete(Session session, Identity who, ClientFrame.DeleteMessage frame) {
        RoomName room = frame.room();
        if (!session.requireRoom(room, frame.id())) {
            return;
        }
        long seq = frame.data().seq();
        track(session, room, frame.id(), "deleted", ctx.store().delete(room, seq, who.userId()),
                result -> changed(session, frame.id(), room, seq, result,
                        stored -> new ServerFrame.MessageDeleted(room, who.username().value(), null, ctx.now(),
                                new ServerFrame.Deleted(seq))));
    }

    int writesInFlight() {
        return writesInFlight.size();
    }

    /** Waits (bounded) for accepted writes to finish, so their echoes go out before the server closes. */
    CompletableFuture<Void> drain() {
        return CompletableFuture.allOf(writesInFlight.toArray(CompletableFuture<?>[]::new))
                .handle((ignored, failure) -> null);
    }

    private void changed(Session session, @Nullable String requestId, RoomName room, long seq, ChangeResult result,
                         java.util.function.Function<StoredMessage, ServerFrame> announcement) {
        switch (result) {
            case ChangeResult.Changed changed -> ctx.hub().publish(room, announcement.apply(changed.message()), null);
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

    /** Runs {@code then} when the write is durable; a failed write is answered, never dropped in silence. */
    private <T> void track(Session session, RoomName room, @Nullable String requestId, String what,
                           CompletableFuture<T> write, Consumer<T> then) {
        writesInFlight.add(write);
        write.whenComplete((result, failure) -> {
            writesInFlight.remove(write);
            try {
                if (failure == null) {
                    then.accept(result);
                } else {
                    storeFailed(session, room, requestId, what, failure);
                }
            } catch (RuntimeException e) {
                // The store's thread must survive whatever happens after a write.
                LOG.error("Handling a completed write for {} failed", session, e);
            }
        });
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
