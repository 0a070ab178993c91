package dev.confab.server.store.sqlite;

import dev.confab.protocol.Username;
import dev.confab.server.store.Account;
import dev.confab.server.store.AccountStore;
import dev.confab.server.store.StoreException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * {@link AccountStore} in the message store's database. Writes go through the same single writer (and wait for
 * its COMMIT); reads use the read connections. A user id is {@code "u"} and 16 random hex digits, made once and
 * never changed; the name is kept as chosen and indexed in lower case, which makes it unique without regard to
 * case.
 */
public final class SqliteAccountStore implements AccountStore {
    private static final String COLUMNS = "user_id, username, password_hash, created_at, token_version";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The lookups of every sign-in (a guest's name is checked against the accounts): prepared once per reader. */
    private static final String BY_NAME = "SELECT " + COLUMNS + " FROM accounts WHERE username_key = ?";
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM accounts WHERE user_id = ?";

    private final SqliteDatabase database;
    private final Writer writer;
    private final Clock clock;

    SqliteAccountStore(SqliteDatabase database, Writer writer, Clock clock) {
        this.database = database;
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public Optional<Account> findByName(Username username) {
        return database.query(BY_NAME, select -> {
            select.setString(1, username.key());
            return one(select);
        });
    }

    @Override
    public Optional<Account> findById(String userId) {
        return database.query(BY_ID, select -> {
            select.setString(1, userId);
            return one(select);
        });
    }

    @Override
    public Optional<Account> create(Username username, String passwordHash) {
        requireNotWriterThread();
        Instant createdAt = Instant.ofEpochMilli(clock.millis());
        return await(writer.submit(context -> {
            PreparedStatement taken = context.statement("SELECT 1 FROM accounts WHERE username_key = ?");
            taken.setString(1, username.key());
            try (ResultSet rows = taken.executeQuery()) {
                if (rows.next()) {
                    return Optional.<Account>empty();
                }
            }
            String userId = newUserId(context);
            PreparedStatement insert = context.statement("INSERT INTO accounts (user_id, username, username_key, "
                    + "password_hash, created_at, token_version) VALUES (?, ?, ?, ?, ?, 0)");
            insert.setString(1, userId);
            insert.setString(2, username.value());
            insert.setString(3, username.key());
            insert.setString(4, passwordHash);
            insert.setLong(5, createdAt.toEpochMilli());
            insert.executeUpdate();
            return Optional.of(new Account(userId, username, passwordHash, createdAt, 0));
        }, false));
    }

    @Override
    public Account changePassword(String userId, String passwordHash) {
        return update(userId, "UPDATE accounts SET password_hash = ?, token_version = token_version + 1 "
                + "WHERE user_id = ?", passwordHash);
    }

    @Override
    public Account revokeTokens(String userId) {
        return update(userId, "UPDATE accounts SET token_version = token_version + 1 WHERE user_id = ?", null);
    }

    /** Runs an update of one account ({@code hash} first when given, then the id) and reads the account back. */
    private Account update(String userId, String sql, @Nullable String hash) {
        requireNotWriterThread();
        Optional<Account> changed = await(writer.submit(context -> {
            PreparedStatement update = context.statement(sql);
            int index = 1;
            if (hash != null) {
                update.setString(index++, hash);
            }
            update.setString(index, userId);
            if (update.executeUpdate() == 0) {
                // A value, not an exception: throwing here would roll back the other writes of the batch.
                return Optional.<Account>empty();
            }
            PreparedStatement select = context.statement("SELECT " + COLUMNS + " FROM accounts WHERE user_id = ?");
            select.setString(1, userId);
            return one(select);
        }, false));
        return changed.orElseThrow(() -> new IllegalArgumentException("no account has the id " + userId));
    }

    private static String newUserId(WriteContext context) throws SQLException {
        PreparedStatement exists = context.statement("SELECT 1 FROM accounts WHERE user_id = ?");
        while (true) {
            byte[] bytes = new byte[8];
            RANDOM.nextBytes(bytes);
            String userId = "u" + HexFormat.of().formatHex(bytes);
            exists.setString(1, userId);
            try (ResultSet rows = exists.executeQuery()) {
                if (!rows.next()) {
                    return userId;
                }
            }
        }
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

    /** Checked before queueing: a continuation of a message future runs on the writer thread, which would wait
     * for itself forever. */
    private void requireNotWriterThread() {
        if (writer.onWriterThread()) {
            throw new IllegalStateException("account writes cannot wait on the store's writer thread; "
                    + "continue with an *Async stage instead");
        }
    }

    /** Account writes are rare and the caller needs the answer: wait for the writer's COMMIT. */
    private static <T> T await(CompletableFuture<T> write) {
        try {
            return write.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new StoreException("account write failed", e);
        }
    }
}
