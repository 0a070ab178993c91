/**
 * The load generator: a few NIO selector threads own every connection, send on an open-loop schedule and
 * record latency from each message's intended send time, so a slow server cannot hide its stalls.
 */
@NullMarked
package dev.confab.bench.load;

import org.jspecify.annotations.NullMarked;
