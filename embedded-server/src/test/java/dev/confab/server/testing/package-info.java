/** Test fixtures: a real server on a free port, real WebSocket clients, a plain authenticator. */
@NullMarked
package dev.confab.server.testing;

import org.jspecify.annotations.NullMarked;
