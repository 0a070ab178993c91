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
        bus.publish(new RoomEvent(room, codec.encode(frame), 0, excludeUserId));
    }

    /** Sends a stored message to every member of its room. */
    void publishMessage(ServerFrame.Message message) {
        bus.publish(new RoomEvent(message.room(), codec.encode(message), message.data().seq(), null));
    }

    private void deliverHere(RoomEvent event) {
        SharedTextFrame frame = SharedTextFrame.of(event.json());
        String excluded = event.excludeUserId();
        for (Session session : presence.connectionsIn(event.room())) {
            if (excluded != null && session.identity().map(who -> who.userId().equals(excluded)).orElse(false)) {
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
