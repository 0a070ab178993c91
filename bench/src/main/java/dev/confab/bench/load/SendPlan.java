package dev.confab.bench.load;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/** What one sending connection does during a phase. */
public sealed interface SendPlan {
    /** The connection that sends. */
    int conn();

    /**
     * Open loop: {@code count} messages to {@code room}, message k due at {@code start + k * periodNanos}
     * whatever the server does, so a stall shows up as latency instead of hiding it.
     */
    record OpenLoop(int conn, String room, long periodNanos, long offsetNanos, int count)
            implements SendPlan {
    }

    /**
     * Closed window, as in hashrocket's capacity test: at most {@code window.inFlight()} messages whose broadcast
     * has not reached every recipient yet. Sends rotate over {@code senders} (all on the loop of {@code conn}),
     * each at most once per {@code minGapNanos}, which keeps every sender under a server's per-connection rate limit.
     */
    record Window(int conn, List<Integer> senders, String room, int count, long minGapNanos, WindowTracker window)
            implements SendPlan {
        public Window {
            senders = List.copyOf(senders);
        }
    }

    /**
     * Open-loop {@code history} queries, each for a random page of a random room among {@code rooms}: query k due
     * at {@code start + offsetNanos + k * periodNanos}.
     */
    record Queries(int conn, List<String> rooms, long lastSeq, long periodNanos, long offsetNanos, int count)
            implements SendPlan {
    }

    /** One message sent again after the server said it was busy, with its original number and due time. */
    record Retry(int conn, String room, long n, long intendedNanos) implements SendPlan {
    }

    /** Tracks how many recipients each windowed message still waits for. */
    final class WindowTracker {
        final AtomicIntegerArray remaining;
        final AtomicInteger completed = new AtomicInteger();
        final int inFlight;
        volatile IoLoop senderLoop;

        /** A window of {@code inFlight} over {@code count} messages, each for {@code recipients} recipients. */
        public WindowTracker(int count, int recipients, int inFlight) {
            this.remaining = new AtomicIntegerArray(count);
            for (int i = 0; i < count; i++) {
                remaining.set(i, recipients);
            }
            this.inFlight = inFlight;
        }

        public int completed() {
            return completed.get();
        }
    }
}
