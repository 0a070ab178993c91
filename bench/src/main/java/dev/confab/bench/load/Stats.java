package dev.confab.bench.load;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Counters and latency recorders shared by the selector threads. Latencies are microseconds; each recorder is
 * drained by the scenario between phases, so a phase reports only its own values.
 */
public final class Stats {
    final LongAdder handshakes = new LongAdder();
    final LongAdder ready = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder joined = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder echoes = new LongAdder();
    final LongAdder stale = new LongAdder();
    final LongAdder otherFrames = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder retried = new LongAdder();
    final LongAdder closedByServer = new LongAdder();
    final LongAdder historyReplies = new LongAdder();
    final AtomicReference<String> firstProblem = new AtomicReference<>("");
    private final List<Recorders> loops = new CopyOnWriteArrayList<>();
    volatile long lastReceiveNanos;

    void problem(String text) {
        firstProblem.compareAndSet("", text);
    }

    /** The first thing that went wrong (server error frame, close, protocol violation), or empty. */
    public String firstProblem() {
        return firstProblem.get();
    }

    public long handshakes() {
        return handshakes.sum();
    }

    public long ready() {
        return ready.sum();
    }

    public long connectFailures() {
        return connectFailures.sum();
    }

    public long joined() {
        return joined.sum();
    }

    public long sent() {
        return sent.sum();
    }

    public long delivered() {
        return delivered.sum();
    }

    public long echoes() {
        return echoes.sum();
    }

    public long stale() {
        return stale.sum();
    }

    public long otherFrames() {
        return otherFrames.sum();
    }

    public long errors() {
        return errors.sum();
    }

    /** Messages the server refused as busy and the generator sent again (only where a scenario allows it). */
    public long retried() {
        return retried.sum();
    }

    public long closedByServer() {
        return closedByServer.sum();
    }

    public long historyReplies() {
        return historyReplies.sum();
    }

    /** When the last frame of any kind arrived, by {@link System#nanoTime()}. */
    public long lastReceiveNanos() {
        return lastReceiveNanos;
    }

    /** Which latency a recorder holds. */
    public enum Kind {
        /** Per-recipient delivery latency from the intended send time. */
        LATENCY,
        /** The sender's own copy: send to stored-and-echoed. */
        ECHO,
        /** Windowed broadcast completion, or history query round trip. */
        RTT,
        /** Connect start to a verified upgrade. */
        HANDSHAKE,
        /** Connect start to a usable session (after login where there is one). */
        READY
    }

    /** A new set of recorders written by exactly one selector thread. */
    Recorders forLoop() {
        Recorders r = new Recorders();
        loops.add(r);
        return r;
    }

    /** Everything recorded of {@code kind} since the previous drain or reset, merged over all threads. */
    public Histogram drain(Kind kind) {
        Histogram merged = new Histogram(3);
        for (Recorders r : loops) {
            merged.add(r.of(kind).getIntervalHistogram());
        }
        return merged;
    }

    /** Forgets what was recorded of these kinds. */
    public void reset(Kind... kinds) {
        for (Recorders r : loops) {
            for (Kind k : kinds) {
                r.of(k).reset();
            }
        }
    }

    /** One selector thread's recorders: single writer, so recording costs no atomic contention. */
    static final class Recorders {
        private final SingleWriterRecorder[] byKind = new SingleWriterRecorder[Kind.values().length];

        Recorders() {
            for (int i = 0; i < byKind.length; i++) {
                byKind[i] = new SingleWriterRecorder(3);
            }
        }

        SingleWriterRecorder of(Kind kind) {
            return byKind[kind.ordinal()];
        }

        void record(Kind kind, long micros) {
            byKind[kind.ordinal()].recordValue(micros);
        }
    }
}
