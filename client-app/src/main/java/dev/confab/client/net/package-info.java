/**
 * The network client: one WebSocket connection to a Confab server, with reconnection (exponential backoff and
 * full jitter) scheduled from its own thread. Knows the protocol, never JavaFX.
 */
@NullMarked
package dev.confab.client.net;

import org.jspecify.annotations.NullMarked;
