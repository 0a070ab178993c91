/**
 * Durable state of a server: accounts, rooms, room membership and message history. {@link
 * dev.confab.server.store.MessageStore} and {@link dev.confab.server.store.AccountStore} are the seams where a
 * shared database (PostgreSQL) replaces the embedded SQLite file for several server nodes.
 */
@NullMarked
package dev.confab.server.store;

import org.jspecify.annotations.NullMarked;
