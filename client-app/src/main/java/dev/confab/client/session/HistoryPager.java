package dev.confab.client.session;

import dev.confab.client.net.Transport;
import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ServerFrame;
import org.jspecify.annotations.Nullable;

/**
 * A room's history a page at a time: the newest page after a join that did not catch up in full, older pages as
 * the user scrolls up (one request at a time), and merging each page into what the room holds. Not thread-safe:
 * the session calls it under its lock.
 */
final class HistoryPager {
    private final Transport transport;
    private final PendingMessages pending;
    private final int pageSize;

    HistoryPager(Transport transport, PendingMessages pending, int pageSize) {
        this.transport = transport;
        this.pending = pending;
        this.pageSize = pageSize;
    }

    /** Asks for the page before the oldest message held, if there is one and no request is under way. */
    void loadOlder(RoomState state, boolean online) {
        if (!state.hasOlder || state.loadingOlder || !online || !state.joined) {
            return;
        }
        state.loadingOlder = true;
        transport.send(new ClientFrame.History(null, state.room,
                new ClientFrame.HistoryQuery(state.lowestSeq(), pageSize)));
    }

    /**
     * After joined_room: when nothing is held yet, only what was unread, or the replay was cut short, asks for the
     * newest page; older pages then load on scroll.
     */
    void afterJoin(RoomState state, boolean replayCutShort) {
        if (!state.isEmpty() && !replayCutShort && !state.needsNewestPage) {
            return;
        }
        if (replayCutShort) {
            // A gap between what is held and what was replayed: drop the old part rather than show a hole.
            state.dropHistory();
        } else if (state.needsNewestPage && !state.isEmpty()) {
            // What is held starts at the read mark; older messages are there to load.
            state.hasOlder = true;
        }
        state.needsNewestPage = false;
        state.loadingOlder = true;
        transport.send(new ClientFrame.History(null, state.room, new ClientFrame.HistoryQuery(null, pageSize)));
    }

    /**
     * Merges a page into the room. Only a page older than what is held says whether there is more before it (the
     * newest page can arrive after older messages came in live). Echoes of the user's own messages in it leave
     * the outbox.
     */
    void merge(RoomState state, ServerFrame.Page page, @Nullable String me) {
        Long lowestBefore = state.lowestSeq();
        for (ServerFrame.Message m : page.messages()) {
            state.putStored(m, me);
            if (m.data().clientId() != null && me != null && me.equalsIgnoreCase(m.data().username())) {
                pending.delivered(m.data().clientId());
            }
        }
        boolean pageIsOlder = lowestBefore == null || page.messages().isEmpty()
                || page.messages().getFirst().data().seq() < lowestBefore;
        if (pageIsOlder) {
            state.hasOlder = page.hasMore();
        }
        state.loadingOlder = false;
    }

    /** The connection dropped: an answer to a request under way will not come, so a new one may be sent. */
    void dropped(RoomState state) {
        state.loadingOlder = false;
    }
}
