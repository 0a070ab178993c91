package dev.confab.server.bus;

import dev.confab.protocol.RoomName;
import java.util.function.Consumer;

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

    /** Stops delivering; further publishes are dropped. */
    @Override
    void close();

    /** An active subscription. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
