package dev.confab.client.session;

import dev.confab.protocol.RoomName;
import java.util.Optional;

/**
 * How far the user has read in each room of one server, per account, kept across restarts: after the next start,
 * messages above the mark count as unread. A mark belongs to the room's history {@code epoch}; seqs of another
 * epoch are not comparable with it.
 */
public interface ReadMarks {
    /** The newest message seen: its seq and the epoch the seq counts in. */
    record Mark(long seq, String epoch) {
    }

    Optional<Mark> find(String account, RoomName room);

    /** Records a mark; the store may write it a little later (see {@link #flush()}). */
    void save(String account, RoomName room, Mark mark);

    /** Writes what is not written yet. */
    void flush();
}
