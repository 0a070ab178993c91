package dev.confab.server.store;

import dev.confab.protocol.Username;
import java.util.Optional;

/** Registered accounts. Names are unique without regard to case. Safe to call from any thread. */
public interface AccountStore {

    /** The account with this name, whatever its case. */
    Optional<Account> findByName(Username username);

    /** The account with this id. */
    Optional<Account> findById(String userId);

    /** Creates an account; empty when the name (in any case) is taken. */
    Optional<Account> create(Username username, String passwordHash);

    /** Replaces the hash and bumps the token version, so that every earlier token stops working. */
    Account changePassword(String userId, String passwordHash);

    /** Bumps the token version without changing the password (sign out everywhere): earlier tokens stop working. */
    Account revokeTokens(String userId);
}
