/**
 * The chat protocol on a connection: sign-in, rooms, presence, messages and their fan-out, rate limits and
 * deadlines. Transport-independent apart from the connection handle; storage and sign-in rules come through
 * the {@code store} and {@code auth} seams.
 */
@NullMarked
package dev.confab.server.session;

import org.jspecify.annotations.NullMarked;
