package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * A room's name: lower-case letters, digits and {@code _ . : -}, starting with a letter or digit, at most
 * 64 characters (for example {@code general} or {@code channel:456}).
 */
public record RoomName(String value) {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_.:-]{0,63}");

    public RoomName {
        if (!VALID.matcher(value).matches()) {
            throw new ProtocolViolation(ErrorCode.INVALID_MESSAGE,
                    "room must be 1 to 64 of a-z 0-9 _ . : - starting with a letter or digit");
        }
    }

    @JsonCreator
    public static RoomName of(String value) {
        return new RoomName(value);
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
