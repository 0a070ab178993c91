package dev.confab.client.session;

import dev.confab.protocol.ErrorCode;

/** The answer to an account request (changing the password, signing out). */
public sealed interface AccountOutcome {

    /** The server did it. */
    record Done() implements AccountOutcome {
    }

    /** The server refused ({@code code} from its error), or the request never reached it ({@code code} absent). */
    record Refused(java.util.Optional<ErrorCode> code, String message) implements AccountOutcome {
    }
}
