package dev.confab.server.auth;

import dev.confab.protocol.ErrorCode;

/** The outcome of a sign-in attempt. Failures carry the protocol's code and a sentence for a person. */
public sealed interface AuthResult {

    record Success(Identity identity, IssuedToken token) implements AuthResult {
    }

    record Failure(ErrorCode code, String message) implements AuthResult {
    }
}
