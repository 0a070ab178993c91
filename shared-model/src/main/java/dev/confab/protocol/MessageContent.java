package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The text of a chat message: 1 to {@value #MAX_CODE_POINTS} code points, not only white space, well-formed
 * Unicode without control characters other than tab and line breaks. Stored and shown as plain text.
 */
public record MessageContent(String value) {
    /** The protocol's ceiling; a server may be configured lower, never higher. */
    public static final int MAX_CODE_POINTS = 4000;

    public MessageContent {
        Text.requireClean(value, "content");
        if (value.isBlank()) {
            throw new ProtocolViolation(ErrorCode.INVALID_MESSAGE, "content must not be empty or only white space");
        }
        if (value.codePointCount(0, value.length()) > MAX_CODE_POINTS) {
            throw new ProtocolViolation(ErrorCode.TOO_LARGE,
                    "content must be at most " + MAX_CODE_POINTS + " characters");
        }
    }

    @JsonCreator
    public static MessageContent of(String value) {
        return new MessageContent(value);
    }

    /** The number of characters as a person counts them (code points). */
    public int length() {
        return value.codePointCount(0, value.length());
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
