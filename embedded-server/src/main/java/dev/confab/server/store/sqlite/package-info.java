/**
 * The embedded store: one SQLite file in WAL mode, written by one thread with group commit and read on their own
 * connections. See {@code docs/STORAGE.md} for the schema, the writer and the durability it promises.
 */
@NullMarked
package dev.confab.server.store.sqlite;

import org.jspecify.annotations.NullMarked;
