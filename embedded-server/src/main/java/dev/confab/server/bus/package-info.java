/**
 * Fan-out of room events between connections: the seam where several server nodes share a broker. Protocol code
 * publishes encoded frames here and never talks to connections of other rooms directly.
 */
@NullMarked
package dev.confab.server.bus;

import org.jspecify.annotations.NullMarked;
