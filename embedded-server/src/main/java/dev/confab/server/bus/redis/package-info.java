/**
 * Fan-out between server nodes over Redis pub/sub, with the gaps that at-most-once delivery leaves healed from
 * the shared store, and presence shared through expiring keys. See {@code docs/SCALING.md}.
 */
@NullMarked
package dev.confab.server.bus.redis;

import org.jspecify.annotations.NullMarked;
