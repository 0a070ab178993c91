/** Test fixtures: a real server on a free port, real WebSocket clients. */
@NullMarked
package dev.confab.server.testing;

import org.jspecify.annotations.NullMarked;
