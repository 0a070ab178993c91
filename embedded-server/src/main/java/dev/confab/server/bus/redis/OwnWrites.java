package dev.confab.server.bus.redis;

import dev.confab.protocol.RoomName;
import dev.confab.server.bus.MessageBus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The messages this node is storing now and will publish itself, by room, user and client id. A message read back
 * from the store is left to that publish while a write of the same user with the same client id is open in its
 * room; for a message without a client id, while any of that user's writes without one is open there (they cannot
 * be told apart, so all of them wait: at worst for the time a write takes). Counted, because the same key may be
 * written twice at once (the second is a duplicate).
 */
final class OwnWrites {
    private final Map<Key, Integer> open = new ConcurrentHashMap<>();

    MessageBus.Storing add(RoomName room, String userId, @Nullable String clientId) {
        Key key = new Key(room, userId, clientId);
        open.merge(key, 1, Integer::sum);
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                open.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1);
            }
        };
    }

    /** True when this node may still be storing that message, so it will publish it itself. */
    boolean storing(RoomName room, String userId, @Nullable String clientId) {
        return open.containsKey(new Key(room, userId, clientId));
    }

    private record Key(RoomName room, String userId, @Nullable String clientId) {
    }
}
