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
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        statement.clearParameters();
        return statement;
    }

    Connection connection() {
        return connection;
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
