package dev.confab.bench.scenario;

import dev.confab.bench.target.Target;

/** One benchmark scenario: runs against a target through the harness and reports one line per run. */
public interface Scenario {
    /** S1..S8. */
    String id();

    /** Whether this scenario means anything for {@code target} (history scenarios need a durable store). */
    default boolean appliesTo(Target target) {
        return true;
    }

    /** Runs every step of the scenario against a fresh instance of {@code target}. */
    void run(Target target, Harness harness) throws Exception;
}
