package dev.confab.server.auth;

import dev.confab.protocol.Username;

/** An authenticated user: a registered account, or a guest known only by a nickname. */
public record Identity(String userId, Username username, boolean guest) {
}
