package dev.confab.server.auth;

import dev.confab.protocol.Username;

/** Who a token speaks for: the user, whether a guest, and the account's token version when it was issued. */
public record TokenClaims(String userId, Username username, boolean guest, int tokenVersion) {
}
