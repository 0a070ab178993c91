package dev.confab.server.auth;

import dev.confab.protocol.Username;

/** An authenticated user: a registered account, or a guest known only by a nickname. */
public record Identity(String userId, Username username, boolean guest) {
    private static final String GUEST_PREFIX = "g:";

    /** The user id of the guest who uses {@code name}: one per name, whichever node signed them in. */
    public static String guestUserId(Username name) {
        return GUEST_PREFIX + name.key();
    }
}
