/**
 * The Netty peer: the core chat subset (join, send, broadcast {@code message}) with no storage, each broadcast
 * encoded once into a buffer that every recipient shares.
 */
@NullMarked
package dev.confab.bench.peer;

import org.jspecify.annotations.NullMarked;
