package dev.confab.server.store.sqlite;

import java.sql.SQLException;

/**
 * One write, run by the writer thread inside a transaction it shares with other writes. {@link #apply} must not
 * commit, roll back or change anything outside the database; {@link #committed} runs after COMMIT, before any
 * future of the batch completes, to bring in-memory state in step.
 */
interface WriteOp<T> {

    T apply(WriteContext context) throws SQLException;

    default void committed(T result) {
    }
}
