package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The id a client gives a message it sends (1 to 64 characters). A resend with the same id from the same user
 * in the same room creates nothing new, so a client can retry without fear of duplicates.
 */
public record ClientId(String value) {
    public static final int MAX_LENGTH = 64;

    public ClientId {
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new ProtocolViolation(ErrorCode.INVALID_MESSAGE, "client_id must be 1 to 64 characters");
        }
        Text.requireClean(value, "client_id");
    }

    @JsonCreator
    public static ClientId of(String value) {
        return new ClientId(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
