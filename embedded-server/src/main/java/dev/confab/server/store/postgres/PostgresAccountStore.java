package dev.confab.server.store.postgres;

import dev.confab.protocol.Username;
import dev.confab.server.store.Account;
import dev.confab.server.store.AccountStore;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * {@link AccountStore} in the shared database, with the SQLite store's rules: a user id is {@code "u"} and 16
 * random hex digits; the name is kept as chosen and unique by its lower-case key, which the database enforces, so
 * two nodes registering the same name at once give it to one of them.
 */
public final class PostgresAccountStore implements AccountStore {
    private static final String COLUMNS = "user_id, username, password_hash, created_at, token_version";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PostgresDatabase database;
    private final Clock clock;

    PostgresAccountStore(PostgresDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public Optional<Account> findByName(Username username) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM accounts WHERE username_key = ?")) {
                select.setString(1, username.key());
                return one(select);
            }
        });
    }

    @Override
    public Optional<Account> findById(String userId) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM accounts WHERE user_id = ?")) {
                select.setString(1, userId);
                return one(select);
            }
        });
    }

    /** Empty when the name is taken; a clash of the random id (never seen in practice) tries another id. */
    @Override
    public Optional<Account> create(Username username, String passwordHash) {
        Instant createdAt = Instant.ofEpochMilli(clock.millis());
        return database.read(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO accounts (user_id, username, "
                    + "username_key, password_hash, created_at, token_version) VALUES (?, ?, ?, ?, ?, 0) "
                    + "ON CONFLICT DO NOTHING")) {
                while (true) {
                    String userId = newUserId();
                    insert.setString(1, userId);
                    insert.setString(2, username.value());
                    insert.setString(3, username.key());
                    insert.setString(4, passwordHash);
                    insert.setLong(5, createdAt.toEpochMilli());
                    if (insert.executeUpdate() == 1) {
                        return Optional.of(new Account(userId, username, passwordHash, createdAt, 0));
                    }
                    if (nameTaken(connection.prepareStatement("SELECT 1 FROM accounts WHERE username_key = ?"),
                            username)) {
                        return Optional.<Account>empty();
                    }
                }
            }
        });
    }

    @Override
    public Account changePassword(String userId, String passwordHash) {
        Optional<Account> changed = database.read(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE accounts SET password_hash = ?, "
                    + "token_version = token_version + 1 WHERE user_id = ? RETURNING " + COLUMNS)) {
                update.setString(1, passwordHash);
                update.setString(2, userId);
                return one(update);
            }
        });
        return changed.orElseThrow(() -> new IllegalArgumentException("no account has the id " + userId));
    }

    @Override
    public Account revokeTokens(String userId) {
        Optional<Account> changed = database.read(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE accounts SET "
                    + "token_version = token_version + 1 WHERE user_id = ? RETURNING " + COLUMNS)) {
                update.setString(1, userId);
                return one(update);
            }
        });
        return changed.orElseThrow(() -> new IllegalArgumentException("no account has the id " + userId));
    }

    private static boolean nameTaken(PreparedStatement select, Username username) throws SQLException {
        try (select) {
            select.setString(1, username.key());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static String newUserId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "u" + HexFormat.of().formatHex(bytes);
    }

    private static Optional<Account> one(PreparedStatement select) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            if (!rows.next()) {
                return Optional.empty();
            }
            return Optional.of(new Account(rows.getString(1), Username.of(rows.getString(2)), rows.getString(3),
                    Instant.ofEpochMilli(rows.getLong(4)), rows.getInt(5)));
        }
    }
}
