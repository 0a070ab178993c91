package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The {@code code} of an {@code error} frame. An error never closes the connection by itself. */
public enum ErrorCode {
    /** The frame is not one well-formed JSON object (syntax error, trailing data, duplicate key, not an object). */
    INVALID_JSON,
    /** The frame is a JSON object, but a field is missing, has the wrong type, or breaks a rule. */
    INVALID_MESSAGE,
    /** The {@code type} names no frame this side knows. */
    UNKNOWN_TYPE,
    AUTH_REQUIRED,
    AUTH_FAILED,
    USERNAME_TAKEN,
    INVALID_USERNAME,
    WEAK_PASSWORD,
    REGISTRATION_CLOSED,
    GUESTS_NOT_ALLOWED,
    FORBIDDEN,
    NOT_IN_ROOM,
    NOT_FOUND,
    RATE_LIMITED,
    /** A limit was exceeded: frame size, nesting depth, key length, content length, metadata size. */
    TOO_LARGE,
    INTERNAL_ERROR;

    private static final Map<String, ErrorCode> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ErrorCode::wireName, Function.identity()));

    /** The name on the wire, e.g. {@code invalid_json}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The code with this wire name, if there is one. */
    public static Optional<ErrorCode> fromWireName(String wireName) {
        return Optional.ofNullable(BY_WIRE_NAME.get(wireName));
    }

    @JsonCreator
    static ErrorCode fromJson(String wireName) {
        return fromWireName(wireName)
                .orElseThrow(() -> new IllegalArgumentException("unknown error code " + wireName));
    }
}
