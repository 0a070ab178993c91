package dev.confab.server.bus;

import dev.confab.protocol.RoomName;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus of a single node: delivers synchronously, on the publishing thread, so events keep the order in
 * which they were published. Subscribers must not block.
 */
public final class InProcessMessageBus implements MessageBus {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessMessageBus.class);

    private final Map<RoomName, List<Consumer<RoomEvent>>> subscribers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private InProcessMessageBus() {
    }

    public static InProcessMessageBus create() {
        return new InProcessMessageBus();
    }

    @Override
    public void publish(RoomEvent event) {
        if (closed) {
            return;
        }
        for (Consumer<RoomEvent> subscriber : subscribers.getOrDefault(event.room(), List.of())) {
            try {
                subscriber.accept(event);
            } catch (RuntimeException e) {
                // One failing subscriber must not keep the event from the others.
                LOG.error("A subscriber of room {} failed", event.room(), e);
            }
        }
    }

    @Override
    public Subscription subscribe(RoomName room, Consumer<RoomEvent> subscriber) {
        subscribers.computeIfAbsent(room, r -> new CopyOnWriteArrayList<>()).add(subscriber);
        return () -> subscribers.computeIfPresent(room, (r, list) -> {
            list.remove(subscriber);
            return list.isEmpty() ? null : list;
        });
    }

    @Override
    public void close() {
        closed = true;
        subscribers.clear();
    }
}
