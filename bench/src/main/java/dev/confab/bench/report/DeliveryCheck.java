package dev.confab.bench.report;

/** The rule every run obeys: delivered must equal expected. One lost (or duplicated) message fails the run. */
public final class DeliveryCheck {
    private DeliveryCheck() {
    }

    /** Compares what arrived with what should have. */
    public static Verdict verdict(long delivered, long expected) {
        if (expected < 0 || delivered < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
        if (delivered == expected) {
            return new Verdict.Complete();
        }
        return delivered < expected ? new Verdict.Lost(expected - delivered) : new Verdict.Duplicated(
                delivered - expected);
    }

    /** The outcome of the check. */
    public sealed interface Verdict {
        /** Every message arrived exactly once. */
        record Complete() implements Verdict {
        }

        /** {@code count} messages never arrived. */
        record Lost(long count) implements Verdict {
        }

        /** {@code count} more messages arrived than were sent to these recipients. */
        record Duplicated(long count) implements Verdict {
        }
    }

    /** A short word for a result line: OK, LOST n, or DUP n. */
    public static String describe(Verdict verdict) {
        return switch (verdict) {
            case Verdict.Complete c -> "OK";
            case Verdict.Lost lost -> "FAIL lost " + lost.count();
            case Verdict.Duplicated dup -> "FAIL dup " + dup.count();
        };
    }
}
