package dev.confab.client.session;

import dev.confab.protocol.RoomName;
import dev.confab.protocol.ServerFrame;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Unread counts and read positions: which messages count as unread, where a fresh start catches up from, and how
 * far the room in view has been read. Not thread-safe: the session calls it under its lock.
 */
final class ReadTracker {
    private final ReadMarks marks;

    ReadTracker(ReadMarks marks) {
        this.marks = marks;
    }

    /** Where a join of a room holding nothing catches up from: its read position, or null for none. */
    @Nullable Long catchUpFrom(@Nullable String me, RoomState state) {
        return mark(me, state).map(ReadMarks.Mark::seq).orElse(null);
    }

    /**
     * Counts a new message from someone else above the read position, unless its room is in view; true when the
     * room's count changed. {@code mention} says whether it names the user.
     */
    boolean countNew(RoomState state, boolean mention, @Nullable RoomName active) {
        if (state.room.equals(active)) {
            return false;
        }
        state.unread++;
        state.mentioned |= mention;
        return true;
    }

    /** True when a new message from someone else is above the read position (so it may be notified). */
    boolean unreadSeq(@Nullable String me, RoomState state, long seq) {
        return seq > readSeq(me, state);
    }

    /**
     * Adjusts the count when a room is joined, before the state takes the new epoch; true when it changed. A new
     * epoch makes the old position meaningless (nothing is unread); a catch-up cut short leaves the rest unread.
     */
    boolean joined(@Nullable String me, RoomState state, ServerFrame.Joined data, @Nullable RoomName active) {
        if (epochChanged(me, state, data)) {
            state.unread = 0;
            state.mentioned = false;
            return true;
        }
        if (data.hasMore() && !state.room.equals(active)) {
            // An estimate from the seqs, which may include some of the user's own messages.
            Long highest = state.highestSeq();
            state.unread += (int) Math.max(0, data.lastSeq() - (highest == null ? 0 : highest));
            return true;
        }
        return false;
    }

    /** True when joining brings a history epoch other than the one held or read in. */
    boolean epochChanged(@Nullable String me, RoomState state, ServerFrame.Joined data) {
        String knownEpoch = state.epoch != null ? state.epoch : mark(me, state).map(ReadMarks.Mark::epoch).orElse(null);
        return knownEpoch != null && !knownEpoch.equals(data.epoch());
    }

    /** The room in view has been read up to its newest message. */
    void markRead(@Nullable String me, RoomState state, @Nullable RoomName active) {
        if (me == null || state.epoch == null || !state.joined || !state.room.equals(active)) {
            return;
        }
        Long highest = state.highestSeq();
        long upTo = Math.max(highest == null ? 0 : highest, state.lastSeq);
        String epoch = state.epoch;
        boolean ahead = marks.find(me, state.room).map(m -> !m.epoch().equals(epoch) || upTo > m.seq()).orElse(true);
        if (ahead) {
            marks.save(me, state.room, new ReadMarks.Mark(upTo, epoch));
        }
    }

    void flush() {
        marks.flush();
    }

    private Optional<ReadMarks.Mark> mark(@Nullable String me, RoomState state) {
        return me == null ? Optional.empty() : marks.find(me, state.room);
    }

    /** The seq read up to, where it counts in the room's epoch; 0 when none (everything new is unread). */
    private long readSeq(@Nullable String me, RoomState state) {
        return mark(me, state).filter(m -> state.epoch == null || m.epoch().equals(state.epoch))
                .map(ReadMarks.Mark::seq).orElse(0L);
    }
}
