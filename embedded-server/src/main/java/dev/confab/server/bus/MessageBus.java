package dev.confab.server.bus;

import dev.confab.protocol.RoomName;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Fan-out between the connections of a room, wherever they are. One server node uses {@link InProcessMessageBus};
 * several nodes share a broker (Redis) behind the same interface, without any change to the protocol code.
 *
 * <p>Events of one room reach each subscriber in the order they were published from one thread.
 */
public interface MessageBus extends AutoCloseable {

    /** Delivers an event to every subscriber of its room. */
    void publish(RoomEvent event);

    /** Receives the events of one room until the subscription is closed. */
    Subscription subscribe(RoomName room, Consumer<RoomEvent> subscriber);

    /**
     * Says that this node is storing a message of {@code userId} (with {@code clientId}, or none) in {@code room}
     * and will publish it itself once stored. A bus that fills holes from the store leaves such a message to that
     * publish until the returned handle is closed: the node's own publish carries the author's copy (with
     * {@code reply_to}), which a message read back from the store cannot. Call before the write starts; close after
     * publishing, or when the write failed or was a duplicate.
     */
    default Storing storing(RoomName room, String userId, @Nullable String clientId) {
        return Storing.NOTHING;
    }

    /** Who is in each room on the other nodes that share this bus; nobody, for a bus of one node. */
    default SharedPresence presence() {
        return SharedPresence.none();
    }

    /** True when the bus can deliver to the other nodes now (always, for a bus of one node). */
    default boolean healthy() {
        return true;
    }

    /** Stops delivering; further publishes are dropped. */
    @Override
    void close();

    /** A message being stored by this node, until closed. */
    interface Storing extends AutoCloseable {
        /** For a bus that never reads messages back from the store. */
        Storing NOTHING = () -> { };

        @Override
        void close();
    }

    /** An active subscription. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
