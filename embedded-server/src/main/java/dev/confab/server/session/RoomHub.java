package dev.confab.server.session;

import dev.confab.protocol.FrameCodec;
import dev.confab.protocol.RoomName;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.bus.MessageBus;
import dev.confab.server.bus.RoomEvent;
import dev.confab.server.net.SharedTextFrame;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Connects rooms to the {@link MessageBus}: publishes a room's frames encoded once, and hands each event the
 * bus delivers to this node's connections in that room as one shared frame.
 */
final class RoomHub implements AutoCloseable {
    private final MessageBus bus;
    private final Presence presence;
    private final FrameCodec codec;
    private final Map<RoomName, MessageBus.Subscription> subscriptions = new ConcurrentHashMap<>();

    RoomHub(MessageBus bus, Presence presence, FrameCodec codec) {
        this.bus = bus;
        this.presence = presence;
        this.codec = codec;
    }

    /** Makes sure this node receives the room's events (before a connection counts on them). */
    void listen(RoomName room) {
        subscriptions.computeIfAbsent(room, r -> bus.subscribe(r, this::deliverHere));
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
        bus.publish(new RoomEvent(room, codec.encode(frame), seq, null, author.key()));
        RoomEvent own = new RoomEvent(room, codec.encode(authorCopy), seq, null, null);
        author.deliver(own, SharedTextFrame.of(own.json()));
    }

    private void deliverHere(RoomEvent event) {
        SharedTextFrame frame = SharedTextFrame.of(event.json());
        String excludedUser = event.excludeUserId();
        String excludedConnection = event.excludeConnection();
        for (Session session : presence.connectionsIn(event.room())) {
            if (excludedUser != null && session.identity().map(who -> who.userId().equals(excludedUser)).orElse(false)
                    || session.key().equals(excludedConnection)) {
                continue;
            }
            session.deliver(event, frame);
        }
    }

    @Override
    public void close() {
        subscriptions.values().forEach(MessageBus.Subscription::close);
        subscriptions.clear();
    }
}
