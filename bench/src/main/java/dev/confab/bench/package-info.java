/** The benchmark suite's entry point: runs scenarios against Confab and its peers, writes results and charts. */
@NullMarked
package dev.confab.bench;

import org.jspecify.annotations.NullMarked;
