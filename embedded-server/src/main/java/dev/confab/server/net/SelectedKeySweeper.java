package dev.confab.server.net;

import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Set;
import org.java_websocket.WebSocketImpl;
import org.jspecify.annotations.Nullable;

/**
 * Empties the selector's selected-key set once the library's selector loop has gone through it.
 *
 * <p>Java-WebSocket 1.6.0 removes a key from the selected set only when it accepted on it or read bytes from it.
 * A key that was selected to write stays in the set, with its stale ready operations, until its client next sends
 * something; so every connection the server last wrote to (an idle client after its {@code connected} frame, every
 * member after a broadcast) is walked and "written" again on every turn of the loop, and each wakeup costs time
 * in proportion to the idle connections: measured with the library alone, a round trip on one connection cost the
 * selector thread 21 µs of CPU with 10 connections open, 95 µs with 1,000 and 293 µs with 4,000. The set can
 * only be changed on the selector thread and not while the loop iterates it. The one call the loop makes to a
 * connection's channel after iterating is {@code readMore}, for channels whose {@code isNeedRead} said so when they
 * were read; so on a turn with a read, with more than {@value #SWEEP_ABOVE} keys selected, one channel asks for
 * that call and clears the set when it comes. Keys with something still to do are selected again by the next
 * {@code select} (epoll is level-triggered), so nothing waiting is lost; what is dropped is only the stale
 * selection. The one thing a stale selection did besides: it retried output whose write interest the library's
 * {@code doWrite} had just dropped; such a key gets its write interest back before the set is cleared.
 *
 * <p>Plain sockets only: the library's TLS channel drives its handshake with the key's selections (and its own
 * {@code readMore}), so a TLS server keeps the library's behaviour (its tests failed with the sweep).
 *
 * <p>Only the selector thread calls this (from the channel's {@code isNeedRead} and {@code readMore}), so the
 * state needs no lock.
 */
final class SelectedKeySweeper {
    /**
     * Stale keys tolerated before a sweep: asking for {@code readMore} makes the loop take one more of its few read
     * buffers (it waits when the decoders hold them all), which only a set worth sweeping should cost.
     */
    static final int SWEEP_ABOVE = 32;

    private volatile @Nullable Selector selector;
    /** The channel that asked for a {@code readMore} call in which to sweep; none when no sweep is pending. */
    private @Nullable Object armedBy;
    /** The channel whose {@code readMore} swept last: its next {@code isNeedRead} is the library's check after it. */
    private @Nullable Object sweptBy;
    private volatile long sweeps;
    private volatile long restored;

    /** The selector of the server's keys; every key of one server has the same. */
    void selector(Selector selector) {
        if (this.selector == null) {
            this.selector = selector;
        }
    }

    /**
     * From a channel's {@code isNeedRead}: true when this channel should ask for a {@code readMore} call, to sweep
     * in it (when more than {@value #SWEEP_ABOVE} keys are selected). The check the library makes right after that
     * call is answered false, so that the loop ends.
     */
    boolean wantsReadMore(Object channel) {
        if (sweptBy != null) {
            Object swept = sweptBy;
            sweptBy = null;
            if (swept == channel) {
                return false;
            }
        }
        Selector current = selector;
        if (armedBy == null && current != null && current.selectedKeys().size() > SWEEP_ABOVE) {
            armedBy = channel;
            return true;
        }
        return false;
    }

    /** From a channel's {@code readMore}: sweeps if this channel asked for the call. */
    void readMore(Object channel) {
        Selector current = selector;
        if (armedBy == channel && current != null) {
            armedBy = null;
            sweptBy = channel;
            sweeps = sweeps + 1; // only this thread writes it
            Set<SelectionKey> selected = current.selectedKeys();
            for (SelectionKey key : selected) {
                restoreWriteInterest(key);
            }
            selected.clear();
        }
    }

    /**
     * The library's {@code doWrite} sets a key's interest back to {@code OP_READ} once the queue it saw is written;
     * a frame another thread queued in between (a greeting right behind the upgrade response) then has output
     * waiting and no write interest. The stale selection would have retried it on the next turn; a key swept away
     * would wait for the connection's next frame, so it gets its write interest back here (on the selector thread,
     * after the loop: nothing else sets this key's interest now but {@code onWriteDemand}, which adds it too).
     */
    private void restoreWriteInterest(SelectionKey key) {
        try {
            if (key.isValid() && key.attachment() instanceof WebSocketImpl connection
                    && !connection.outQueue.isEmpty() && (key.interestOps() & SelectionKey.OP_WRITE) == 0) {
                key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
                restored = restored + 1; // only this thread writes it
            }
        } catch (CancelledKeyException e) {
            // Closed meanwhile by another thread: nothing left to write.
        }
    }

    /** Keys given their write interest back so far; for tests. */
    long restored() {
        return restored;
    }

    /** Sweeps done so far; for tests. */
    long sweeps() {
        return sweeps;
    }

    /** Keys in the selected set now, read from another thread: an estimate, for tests. */
    int selectedCount() {
        Selector current = selector;
        return current == null ? 0 : current.selectedKeys().size();
    }
}
