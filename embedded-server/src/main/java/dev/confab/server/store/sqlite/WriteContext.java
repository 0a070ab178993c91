package dev.confab.server.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** What a write sees inside the writer's transaction: the connection and its prepared statements, reused. */
final class WriteContext {
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    WriteContext(Connection connection) {
        this.connection = connection;
    }

    /** The prepared statement for {@code sql}, made once; only the writer thread calls this. */
    PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        // sqlite-jdbc may close statements when a transaction fails (seen after SQLITE_FULL): make a new one.
        if (statement == null || statement.isClosed()) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        statement.clearParameters();
        return statement;
    }

    Connection connection() {
        return connection;
    }

    /** Drops every prepared statement, after a failed transaction, so that none is reused in an unknown state. */
    void reset() {
        close();
    }

    void close() {
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // The connection closes next, which releases it anyway.
            }
        }
        statements.clear();
    }
}
