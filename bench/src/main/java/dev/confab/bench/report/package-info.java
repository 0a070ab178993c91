/** Run results: the one-line format, the delivered-equals-expected check, the comparison table and the chart. */
@NullMarked
package dev.confab.bench.report;

import org.jspecify.annotations.NullMarked;
