package dev.confab.server.session;

import dev.confab.protocol.FrameCodec;
import dev.confab.protocol.RoomName;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.bus.MessageBus;
import dev.confab.server.bus.RoomEvent;
import dev.confab.server.bus.SharedPresence;
import dev.confab.server.net.SharedTextFrame;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Connects rooms to the {@link MessageBus}: publishes a room's frames encoded once, and hands each event the
 * bus delivers to this node's connections in that room as one shared frame.
 *
 * <p>The author's own copy of a stored message (with {@code reply_to}) waits here until the bus delivers the
 * message itself, and goes to the author in its place: a bus that puts a room's messages back in seq order (several
 * nodes) then orders the author's copy too. A bus that heals holes from the store must not deliver the message
 * before this node publishes it, or the copy would be left behind: {@link #storing} keeps it from doing so.
 */
final class RoomHub implements AutoCloseable {
    private final MessageBus bus;
    private final Presence presence;
    private final FrameCodec codec;
    private final ChatObserver observer;
    private final Map<RoomName, MessageBus.Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<SeqKey, AuthorCopy> authorCopies = new ConcurrentHashMap<>();

    RoomHub(MessageBus bus, Presence presence, FrameCodec codec, ChatObserver observer) {
        this.bus = bus;
        this.presence = presence;
        this.codec = codec;
        this.observer = observer;
    }

    /** Who is in each room on the other nodes. */
    SharedPresence shared() {
        return bus.presence();
    }

    /** Makes sure this node receives the room's events (before a connection counts on them). */
    void listen(RoomName room) {
        subscriptions.computeIfAbsent(room, r -> bus.subscribe(r, this::deliverHere));
    }

    /**
     * Tells the bus that this node is storing a message and will publish it itself (see
     * {@link MessageBus#storing}); close the handle once it is published, or when the write failed.
     */
    MessageBus.Storing storing(RoomName room, String userId, @Nullable String clientId) {
        return bus.storing(room, userId, clientId);
    }

    /** Sends a frame to every member of its room, except {@code excludeUserId} (null: everybody). */
    void publish(RoomName room, ServerFrame frame, @Nullable String excludeUserId) {
        bus.publish(new RoomEvent(room, codec.encode(frame), 0, excludeUserId, null));
    }

    /**
     * Sends a frame to every member of its room; the author's connection gets {@code authorCopy} instead (the same
     * frame with the request's id as {@code reply_to}), in the same place of the room's order. Without a copy,
     * everybody gets the same frame.
     *
     * @param seq the message's seq for a {@code message}, else 0
     */
    void publish(RoomName room, ServerFrame frame, long seq, Session author, @Nullable ServerFrame authorCopy) {
        if (authorCopy == null) {
            bus.publish(new RoomEvent(room, codec.encode(frame), seq, null, null));
            return;
        }
        RoomEvent own = new RoomEvent(room, codec.encode(authorCopy), seq, null, null);
        if (seq > 0) {
            // Registered before publishing: an in-process bus delivers during publish.
            authorCopies.put(new SeqKey(room, seq), new AuthorCopy(author, own));
            bus.publish(new RoomEvent(room, codec.encode(frame), seq, null, author.key()));
            return;
        }
        bus.publish(new RoomEvent(room, codec.encode(frame), seq, null, author.key()));
        author.deliver(own, SharedTextFrame.of(own.json()));
    }

    private void deliverHere(RoomEvent event) {
        SharedTextFrame frame = SharedTextFrame.of(event.json());
        // The first delivery of a seq claims the author's copy (a healed one never comes first: see storing).
        AuthorCopy copy = event.seq() > 0 ? authorCopies.remove(new SeqKey(event.room(), event.seq())) : null;
        String excludedUser = event.excludeUserId();
        String excludedConnection = copy != null ? copy.author().key() : event.excludeConnection();
        int handed = 0;
        for (Session session : presence.connectionsIn(event.room())) {
            if (excludedUser != null && session.identity().map(who -> who.userId().equals(excludedUser)).orElse(false)
                    || session.key().equals(excludedConnection)) {
                continue;
            }
            session.deliver(event, frame);
            handed++;
        }
        if (copy != null) {
            copy.author().deliver(copy.event(), SharedTextFrame.of(copy.event().json()));
            handed++;
        }
        if (event.seq() > 0) {
            observer.messageDelivered(handed);
        }
    }

    @Override
    public void close() {
        subscriptions.values().forEach(MessageBus.Subscription::close);
        subscriptions.clear();
        authorCopies.clear();
    }

    private record SeqKey(RoomName room, long seq) {
    }

    private record AuthorCopy(Session author, RoomEvent event) {
    }
}
