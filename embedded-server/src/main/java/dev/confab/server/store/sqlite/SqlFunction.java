package dev.confab.server.store.sqlite;

import java.sql.SQLException;

/** A piece of database work that may throw {@link SQLException}. */
@FunctionalInterface
interface SqlFunction<I, O> {
    O apply(I input) throws SQLException;
}
