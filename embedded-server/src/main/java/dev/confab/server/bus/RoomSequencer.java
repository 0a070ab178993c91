package dev.confab.server.bus;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts one room's message events back in seq order for this node's subscribers, whatever order (or loss) the
 * broker delivered them in: a message is delivered when it is the next seq, held while an earlier one is missing,
 * and dropped when already delivered. Other events (seq 0) pass straight through. Offers may come from any thread;
 * delivery happens under this object's lock, so subscribers see one order and must not block.
 *
 * <p>A seq that is visible means every smaller seq is committed (seqs are taken under the room's lock), so a hole
 * can always be filled from the store with {@link GapSource#missed}.
 */
public final class RoomSequencer {
    private static final Logger LOG = LoggerFactory.getLogger(RoomSequencer.class);

    private final String room;
    private final int maxHeld;
    private final LongSupplier nanoTime;
    private final List<Consumer<RoomEvent>> subscribers = new CopyOnWriteArrayList<>();
    private final TreeMap<Long, RoomEvent> held = new TreeMap<>();
    private long delivered = -1;
    private long gapSince;

    /**
     * @param room names the room in logs
     * @param maxHeld messages held behind a hole at most; past it the hole is given up (logged) rather than
     *                growing without bound
     */
    public RoomSequencer(String room, int maxHeld, LongSupplier nanoTime) {
        this.room = room;
        this.maxHeld = maxHeld;
        this.nanoTime = nanoTime;
    }

    public void addSubscriber(Consumer<RoomEvent> subscriber) {
        subscribers.add(subscriber);
    }

    /** Removes a subscriber; true when none is left. */
    public boolean removeSubscriber(Consumer<RoomEvent> subscriber) {
        subscribers.remove(subscriber);
        return subscribers.isEmpty();
    }

    /** Sets where delivery starts: the room's newest seq when this node began listening. */
    public synchronized void start(long lastSeq) {
        if (delivered < 0) {
            delivered = lastSeq;
            held.headMap(lastSeq, true).clear();
            drain();
        }
    }

    public synchronized boolean started() {
        return delivered >= 0;
    }

    /** The newest seq delivered, or -1 before {@link #start}. */
    public synchronized long delivered() {
        return delivered;
    }

    /** True when a hole has kept messages waiting for at least {@code graceNanos}. */
    public synchronized boolean waitingLongerThan(long graceNanos) {
        return !held.isEmpty() && nanoTime.getAsLong() - gapSince >= graceNanos;
    }

    public synchronized int heldCount() {
        return held.size();
    }

    public synchronized void offer(RoomEvent event) {
        long seq = event.seq();
        if (seq == 0) {
            deliver(event);
            return;
        }
        if (delivered >= 0 && seq <= delivered) {
            return;
        }
        if (delivered >= 0 && seq == delivered + 1) {
            deliver(event);
            delivered = seq;
            drain();
            return;
        }
        if (held.isEmpty()) {
            gapSince = nanoTime.getAsLong();
        }
        held.putIfAbsent(seq, event);
        if (held.size() > maxHeld && delivered >= 0) {
            long skipTo = held.firstKey() - 1;
            LOG.warn("Room {}: giving up messages {} to {} after holding {} behind them", room, delivered + 1, skipTo,
                    held.size());
            delivered = skipTo;
            drain();
        }
    }

    private void drain() {
        while (!held.isEmpty() && held.firstKey() <= delivered + 1) {
            Map.Entry<Long, RoomEvent> next = held.pollFirstEntry();
            if (next.getKey() == delivered + 1) {
                deliver(next.getValue());
                delivered = next.getKey();
            }
        }
        if (!held.isEmpty()) {
            gapSince = nanoTime.getAsLong();
        }
    }

    private void deliver(RoomEvent event) {
        for (Consumer<RoomEvent> subscriber : subscribers) {
            try {
                subscriber.accept(event);
            } catch (RuntimeException e) {
                // One failing subscriber must not keep the event from the others.
                LOG.error("A subscriber of room {} failed", room, e);
            }
        }
    }
}
