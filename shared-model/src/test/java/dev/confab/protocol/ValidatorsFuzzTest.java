package dev.confab.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Row F2: the value types that guard untrusted text ({@link RoomName}, {@link Username}, {@link MessageContent},
 * {@link ClientId}), called directly. Each either accepts the text unchanged or throws {@link ProtocolViolation}
 * with the code its rule gives, never anything else; which of the two is decided by an oracle written here from
 * the documented rules, one character at a time, without the validators' regular expressions.
 *
 * <p>The first input byte picks the validator (bits 0–1), how the rest becomes text (bit 2: UTF-8, or raw UTF-16
 * code units so that lone surrogates and NUL are reachable), and how often the text repeats (bits 3–7, steps of
 * 200, so the 4,000 code point limit is crossed by short inputs too).
 *
 * <p>Regression mode replays {@code src/test/resources/dev/confab/protocol/ValidatorsFuzzTestInputs/validate/};
 * a fuzzing run: {@code JAZZER_FUZZ=1 ./mvnw -B -o -pl shared-model -am test -Dtest=ValidatorsFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false} (see docs/SECURITY.md, Fuzzing).
 */
class ValidatorsFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void validate(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int control = input[0] & 0xff;
        String text = text(input, (control & 4) != 0).repeat(1 + (control >>> 3) * 200);
        switch (control & 3) {
            case 0 -> check(text, RoomName::of, RoomName::value, roomProblem(text));
            case 1 -> {
                Username name = check(text, Username::of, Username::value, usernameProblem(text));
                if (name != null) {
                    assertThat(name.key()).isEqualTo(text.toLowerCase(Locale.ROOT));
                    assertThat(name.sameAs(Username.of(text.toUpperCase(Locale.ROOT)))).isTrue();
                }
            }
            case 2 -> {
                MessageContent content = check(text, MessageContent::of, MessageContent::value,
                        contentProblem(text));
                if (content != null) {
                    assertThat(content.length()).isEqualTo(text.codePointCount(0, text.length()));
                    assertThat(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                            .as("accepted content survives UTF-8").isEqualTo(text);
                }
            }
            default -> check(text, ClientId::of, ClientId::value, clientIdProblem(text));
        }
    }

    /** Builds the value; it must fail with exactly {@code expected}, or succeed keeping the text when null. */
    private static <T> @Nullable T check(String text, Function<String, T> parse, Function<T, String> value,
                                         @Nullable ErrorCode expected) {
        T parsed;
        try {
            parsed = parse.apply(text);
        } catch (ProtocolViolation violation) {
            assertThat(violation.code()).as("code for %s", escaped(text)).isEqualTo(expected);
            assertThat(violation.getMessage()).isNotBlank();
            return null;
        }
        assertThat(expected).as("%s accepted", escaped(text)).isNull();
        assertThat(value.apply(parsed)).isEqualTo(text);
        return parsed;
    }

    private static @Nullable ErrorCode roomProblem(String text) {
        if (text.isEmpty() || text.length() > 64 || !lowerOrDigit(text.charAt(0))) {
            return ErrorCode.INVALID_MESSAGE;
        }
        for (char c : text.toCharArray()) {
            if (!lowerOrDigit(c) && "_.:-".indexOf(c) < 0) {
                return ErrorCode.INVALID_MESSAGE;
            }
        }
        return null;
    }

    private static @Nullable ErrorCode usernameProblem(String text) {
        if (text.length() < 2 || text.length() > 32) {
            return ErrorCode.INVALID_USERNAME;
        }
        for (char c : text.toCharArray()) {
            if (!lowerOrDigit(c) && !(c >= 'A' && c <= 'Z') && "_.-".indexOf(c) < 0) {
                return ErrorCode.INVALID_USERNAME;
            }
        }
        return null;
    }

    private static @Nullable ErrorCode contentProblem(String text) {
        if (!clean(text)) {
            return ErrorCode.INVALID_MESSAGE;
        }
        if (text.codePoints().allMatch(Character::isWhitespace)) {
            return ErrorCode.INVALID_MESSAGE;
        }
        return text.codePointCount(0, text.length()) > MessageContent.MAX_CODE_POINTS ? ErrorCode.TOO_LARGE : null;
    }

    private static @Nullable ErrorCode clientIdProblem(String text) {
        return text.isEmpty() || text.length() > ClientId.MAX_LENGTH || !clean(text) ? ErrorCode.INVALID_MESSAGE : null;
    }

    /** Every surrogate paired; no control characters but tab, line feed and carriage return. */
    private static boolean clean(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c) || c < 0x20 && "\t\n\r".indexOf(c) < 0 || c >= 0x7f && c <= 0x9f) {
                return false;
            }
        }
        return true;
    }

    private static boolean lowerOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }

    private static String text(byte[] input, boolean utf16) {
        if (!utf16) {
            return new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 1; i + 1 < input.length; i += 2) {
            text.append((char) ((input[i] & 0xff) << 8 | input[i + 1] & 0xff));
        }
        return text.toString();
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().limit(80).forEach(c -> out.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c)
                : String.format("\\u%04x", c)));
        return out + (text.length() > 80 ? "… (" + text.length() + " chars)" : "");
    }
}
