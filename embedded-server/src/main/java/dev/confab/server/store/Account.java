package dev.confab.server.store;

import dev.confab.protocol.Username;
import java.time.Instant;

/**
 * A registered user. {@code passwordHash} is the encoded Argon2id hash (never the password);
 * {@code tokenVersion} grows when the password changes or the user signs out everywhere, which invalidates
 * every token issued before.
 */
public record Account(String userId, Username username, String passwordHash, Instant createdAt, int tokenVersion) {
    @Override
    public String toString() {
        return "Account[userId=" + userId + ", username=" + username + ", tokenVersion=" + tokenVersion + "]";
    }
}
