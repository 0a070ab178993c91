package dev.confab.server.auth;

import java.time.Instant;

/** The outcome of checking a token. */
public sealed interface TokenCheck {

    /** Signed by this server, unexpired, well-formed. */
    record Valid(TokenClaims claims, Instant expiresAt) implements TokenCheck {
    }

    /** Refused; {@code reason} is for the log and never contains the token. */
    record Rejected(String reason) implements TokenCheck {
    }
}
