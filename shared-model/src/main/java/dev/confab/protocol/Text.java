package dev.confab.protocol;

/** Checks on untrusted text shared by the value types. */
final class Text {
    private Text() {
    }

    /** True when every surrogate is part of a pair, so the text encodes to UTF-8 without loss. */
    static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** True for control characters other than tab, line feed and carriage return (NUL among them). */
    static boolean hasForbiddenControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return true;
            }
        }
        return false;
    }

    /** Rejects the text unless it is well-formed and free of control characters; {@code what} names it. */
    static String requireClean(String text, String what) {
        if (!isWellFormed(text)) {
            throw new ProtocolViolation(ErrorCode.INVALID_MESSAGE, what + " contains a lone surrogate");
        }
        if (hasForbiddenControl(text)) {
            throw new ProtocolViolation(ErrorCode.INVALID_MESSAGE, what + " contains a control character");
        }
        return text;
    }

    static <T> T required(@org.jspecify.annotations.Nullable T value, String field) {
        if (value == null) {
            throw new ProtocolViolation(ErrorCode.INVALID_MESSAGE, "missing required field " + field);
        }
        return value;
    }
}
