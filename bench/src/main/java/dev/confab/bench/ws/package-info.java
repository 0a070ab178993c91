/**
 * A minimal, allocation-light RFC 6455 client codec for the load generator: the opening handshake with its
 * {@code Sec-WebSocket-Accept} check, masked client frames, and an incremental reader of unmasked server frames.
 */
@NullMarked
package dev.confab.bench.ws;

import org.jspecify.annotations.NullMarked;
