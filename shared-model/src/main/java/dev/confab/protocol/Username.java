package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A user's name: 2 to 32 letters, digits, {@code _}, {@code -} or {@code .}. Names are compared without regard
 * to case: {@link #key()} is the form to compare and index by, {@link #value()} the form the user chose.
 */
public record Username(String value) {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{2,32}");

    public Username {
        if (!VALID.matcher(value).matches()) {
            throw new ProtocolViolation(ErrorCode.INVALID_USERNAME,
                    "a username is 2 to 32 letters, digits, _, - or .");
        }
    }

    /** Parses untrusted text; throws {@link ProtocolViolation} with {@code invalid_username} when it is not one. */
    @JsonCreator
    public static Username of(String value) {
        return new Username(value);
    }

    /** The case-insensitive identity of this name. */
    public String key() {
        return value.toLowerCase(Locale.ROOT);
    }

    /** True when both name the same user, whatever the case. */
    public boolean sameAs(Username other) {
        return key().equals(other.key());
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
