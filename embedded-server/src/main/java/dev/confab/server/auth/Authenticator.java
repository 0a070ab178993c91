package dev.confab.server.auth;

import java.time.Instant;

/**
 * The sign-in rules of the protocol, apart from the one that needs presence (a guest may not take the name of
 * a guest who is online), which the connection layer checks. Safe to call from any thread; hashing is slow on
 * purpose, so callers should not hold locks while calling.
 */
public interface Authenticator {

    /**
     * Creates an account. Failures: {@code registration_closed}, {@code invalid_username},
     * {@code username_taken}, {@code weak_password}.
     */
    AuthResult register(String username, String password);

    /**
     * Signs in to an account. Failures: {@code invalid_username}, {@code auth_failed} (unknown name or wrong
     * password, not told apart), {@code rate_limited} (too many failures for that account or from that address).
     */
    AuthResult login(String username, String password, String remoteAddress);

    /**
     * Admits a guest. Failures: {@code guests_not_allowed}, {@code invalid_username}, {@code username_taken}
     * (a registered name).
     */
    AuthResult guest(String nickname);

    /**
     * Checks a token presented at the handshake: signature with this server's key, algorithm, issuer,
     * required and unexpired {@code exp}, size, and for accounts the current token version. Failure code is
     * always {@code auth_failed}; the reason stays in the log, never the token.
     */
    AuthResult verify(String token);

    /**
     * Changes an account's password after checking the current one; the new token replaces every earlier one.
     * Failures: {@code forbidden} (a guest), {@code auth_failed} (wrong current password), {@code rate_limited},
     * {@code weak_password}.
     */
    AuthResult changePassword(Identity who, String currentPassword, String newPassword, String remoteAddress);

    /** Signs an account out everywhere: every token issued before stops working. Nothing to revoke for a guest. */
    void revokeTokens(Identity who);

    /**
     * The last instant at which {@link #verify} would still accept {@code token}: its expiry, plus whatever clock
     * skew this authenticator tolerates. A connection signed in with the token is closed (4401) after it, so that
     * it lives no longer than a new connection with the same token could.
     */
    default Instant acceptedUntil(IssuedToken token) {
        return token.expiresAt();
    }
}
