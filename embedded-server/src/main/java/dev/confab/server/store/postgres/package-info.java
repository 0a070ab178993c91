/**
 * The shared store for several server nodes: PostgreSQL through a HikariCP pool, with the same schema, seqs and
 * semantics as the embedded SQLite store. See {@code docs/SCALING.md}.
 */
@NullMarked
package dev.confab.server.store.postgres;

import org.jspecify.annotations.NullMarked;
