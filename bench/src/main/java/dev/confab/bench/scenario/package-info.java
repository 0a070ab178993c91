/** The benchmark scenarios S1 to S8, each a bounded sequence of runs against one started target. */
@NullMarked
package dev.confab.bench.scenario;

import org.jspecify.annotations.NullMarked;
