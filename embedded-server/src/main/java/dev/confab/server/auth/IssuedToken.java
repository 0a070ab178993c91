package dev.confab.server.auth;

import java.time.Instant;

/** A signed token and when it stops being accepted. */
public record IssuedToken(String token, Instant expiresAt) {
    @Override
    public String toString() {
        return "IssuedToken[token=***, expiresAt=" + expiresAt + "]";
    }
}
