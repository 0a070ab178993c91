package dev.confab.server.bus;

import dev.confab.protocol.RoomName;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where a bus that may lose events (a broker with at-most-once delivery) finds what it missed: the authoritative
 * store. Calls may block on the database and fail with {@link dev.confab.server.store.StoreException}.
 */
public interface GapSource {

    /** The seq of the room's newest stored message (0 when none). */
    long lastSeq(RoomName room);

    /** The newest seq of every room, in one query. */
    Map<RoomName, Long> lastSeqs();

    /** Up to {@code limit} stored messages after {@code after}, oldest first, as the events that broadcast them. */
    List<Missed> missed(RoomName room, long after, int limit);

    /** A stored message as the event that broadcasts it, and who stored it (with which client id, if any). */
    record Missed(RoomEvent event, String userId, @Nullable String clientId) {
    }
}
