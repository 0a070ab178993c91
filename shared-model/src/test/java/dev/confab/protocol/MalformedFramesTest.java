package dev.confab.protocol;

import static dev.confab.protocol.ErrorCode.INVALID_JSON;
import static dev.confab.protocol.ErrorCode.INVALID_MESSAGE;
import static dev.confab.protocol.ErrorCode.INVALID_USERNAME;
import static dev.confab.protocol.ErrorCode.TOO_LARGE;
import static dev.confab.protocol.ErrorCode.UNKNOWN_TYPE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad frame a client can send maps to one precise error; none throws. */
class MalformedFramesTest {
    private static final String SEND = "{\"type\":\"send_message\",\"room\":\"general\",\"id\":\"q1\",\"data\":";
    private final FrameCodec codec = FrameCodec.create();

    static Stream<Arguments> malformed() {
        return Stream.of(
                // Not one well-formed JSON object.
                bad("plain text", "hello", INVALID_JSON),
                bad("empty frame", "", INVALID_JSON),
                bad("only white space", "   \n\t ", INVALID_JSON),
                bad("truncated object", "{\"type\":\"ping\",\"room\":\"a\"", INVALID_JSON),
                bad("truncated string", "{\"type\":\"pi", INVALID_JSON),
                bad("trailing garbage", "{\"type\":\"ping\"} x", INVALID_JSON),
                bad("two objects", "{\"type\":\"ping\"}{\"type\":\"ping\"}", INVALID_JSON),
                bad("top-level array", "[{\"type\":\"ping\"}]", INVALID_JSON),
                bad("top-level number", "42", INVALID_JSON),
                bad("top-level string", "\"ping\"", INVALID_JSON),
                bad("top-level null", "null", INVALID_JSON),
                bad("top-level true", "true", INVALID_JSON),
                bad("duplicate key", "{\"type\":\"join_room\",\"room\":\"a\",\"room\":\"b\"}", INVALID_JSON),
                bad("single quotes", "{'type':'ping'}", INVALID_JSON),
                bad("unquoted key", "{type:\"ping\"}", INVALID_JSON),
                bad("trailing comma", "{\"type\":\"ping\",}", INVALID_JSON),
                bad("comment", "{\"type\":\"ping\" /* hi */}", INVALID_JSON),
                bad("bad escape \\x41", "{\"type\":\"ping\",\"id\":\"\\x41\"}", INVALID_JSON),
                bad("short unicode escape", "{\"type\":\"ping\",\"id\":\"\\u12\"}", INVALID_JSON),
                bad("trailing backslash", "{\"type\":\"ping\",\"id\":\"a\\", INVALID_JSON),
                bad("raw NUL byte", "{\"type\":\"ping\",\"id\":\"a\u0000b\"}", INVALID_JSON),
                bad("NaN literal", "{\"type\":\"history\",\"room\":\"a\",\"data\":{\"limit\":NaN}}", INVALID_JSON),
                // Limits while parsing.
                bad("10,000 nested [", "[".repeat(10_000), TOO_LARGE),
                bad("deep nesting in metadata", SEND + "{\"content\":\"x\",\"metadata\":"
                        + "{\"a\":".repeat(40) + "1" + "}".repeat(40) + "}}", TOO_LARGE),
                bad("64 KiB key", "{\"" + "k".repeat(64 * 1024 - 20) + "\":1}", TOO_LARGE),
                bad("frame over 64 KiB", "{\"type\":\"ping\",\"id\":\"" + "a".repeat(70_000) + "\"}", TOO_LARGE),
                // Type.
                bad("missing type", "{\"room\":\"general\"}", INVALID_MESSAGE),
                bad("null type", "{\"type\":null}", INVALID_MESSAGE),
                bad("numeric type", "{\"type\":7}", INVALID_MESSAGE),
                bad("unknown type", "{\"type\":\"admin\"}", UNKNOWN_TYPE),
                bad("server-only type from a client", "{\"type\":\"hello\"}", UNKNOWN_TYPE),
                bad("type in wrong case", "{\"type\":\"PING\"}", UNKNOWN_TYPE),
                // Rooms.
                bad("missing room", "{\"type\":\"join_room\"}", INVALID_MESSAGE),
                bad("null room", "{\"type\":\"join_room\",\"room\":null}", INVALID_MESSAGE),
                bad("numeric room", "{\"type\":\"join_room\",\"room\":123}", INVALID_MESSAGE),
                bad("upper-case room", "{\"type\":\"join_room\",\"room\":\"General\"}", INVALID_MESSAGE),
                bad("room with a space", "{\"type\":\"join_room\",\"room\":\"my room\"}", INVALID_MESSAGE),
                bad("room path trick", "{\"type\":\"join_room\",\"room\":\"../../etc/passwd\"}", INVALID_MESSAGE),
                bad("room SQL trick", "{\"type\":\"join_room\",\"room\":\"a' OR 1=1 --\"}", INVALID_MESSAGE),
                bad("room of 65 chars", "{\"type\":\"join_room\",\"room\":\"" + "a".repeat(65) + "\"}",
                        INVALID_MESSAGE),
                bad("room with escaped NUL", "{\"type\":\"join_room\",\"room\":\"a\\u0000\"}", INVALID_MESSAGE),
                bad("empty room", "{\"type\":\"join_room\",\"room\":\"\"}", INVALID_MESSAGE),
                // Content.
                bad("missing data", "{\"type\":\"send_message\",\"room\":\"general\"}", INVALID_MESSAGE),
                bad("data not an object", SEND + "\"hi\"}", INVALID_MESSAGE),
                bad("missing content", SEND + "{}}", INVALID_MESSAGE),
                bad("null content", SEND + "{\"content\":null}}", INVALID_MESSAGE),
                bad("content as array", SEND + "{\"content\":[\"x\"]}}", INVALID_MESSAGE),
                bad("content as number", SEND + "{\"content\":5}}", INVALID_MESSAGE),
                bad("empty content", SEND + "{\"content\":\"\"}}", INVALID_MESSAGE),
                bad("whitespace-only content", SEND + "{\"content\":\" \\n\\t \"}}", INVALID_MESSAGE),
                bad("4,001 characters", SEND + "{\"content\":\"" + "x".repeat(4001) + "\"}}", TOO_LARGE),
                bad("4,001 emoji (code points, not chars)", SEND + "{\"content\":\"" + "😀".repeat(4001) + "\"}}",
                        TOO_LARGE),
                bad("lone high surrogate", SEND + "{\"content\":\"a\\ud800b\"}}", INVALID_MESSAGE),
                bad("lone low surrogate", SEND + "{\"content\":\"\\udc00\"}}", INVALID_MESSAGE),
                bad("escaped NUL in content", SEND + "{\"content\":\"a\\u0000b\"}}", INVALID_MESSAGE),
                bad("escape character in content", SEND + "{\"content\":\"\\u001b[31mred\"}}", INVALID_MESSAGE),
                // Other fields.
                bad("client_id as object", SEND + "{\"content\":\"x\",\"client_id\":{}}}", INVALID_MESSAGE),
                bad("client_id of 65 chars", SEND + "{\"content\":\"x\",\"client_id\":\"" + "c".repeat(65) + "\"}}",
                        INVALID_MESSAGE),
                bad("empty client_id", SEND + "{\"content\":\"x\",\"client_id\":\"\"}}", INVALID_MESSAGE),
                bad("metadata not an object", SEND + "{\"content\":\"x\",\"metadata\":[1]}}", INVALID_MESSAGE),
                bad("metadata over 2 KiB", SEND + "{\"content\":\"x\",\"metadata\":{\"a\":\"" + "m".repeat(2100)
                        + "\"}}}", TOO_LARGE),
                bad("reply_to zero", SEND + "{\"content\":\"x\",\"reply_to\":0}}", INVALID_MESSAGE),
                bad("id too long", "{\"type\":\"ping\",\"id\":\"" + "i".repeat(65) + "\"}", INVALID_MESSAGE),
                bad("id as number", "{\"type\":\"ping\",\"id\":5}", INVALID_MESSAGE),
                bad("empty id", "{\"type\":\"ping\",\"id\":\"\"}", INVALID_MESSAGE),
                // Numbers.
                bad("since negative", "{\"type\":\"join_room\",\"room\":\"a\",\"data\":{\"since\":-1}}",
                        INVALID_MESSAGE),
                bad("since as string", "{\"type\":\"join_room\",\"room\":\"a\",\"data\":{\"since\":\"5\"}}",
                        INVALID_MESSAGE),
                bad("since as float", "{\"type\":\"join_room\",\"room\":\"a\",\"data\":{\"since\":1.5}}",
                        INVALID_MESSAGE),
                bad("since 1e999999", "{\"type\":\"join_room\",\"room\":\"a\",\"data\":{\"since\":1e999999}}",
                        INVALID_MESSAGE),
                bad("400-digit since", "{\"type\":\"join_room\",\"room\":\"a\",\"data\":{\"since\":"
                        + "9".repeat(400) + "}}", INVALID_MESSAGE),
                bad("limit zero", "{\"type\":\"history\",\"room\":\"a\",\"data\":{\"limit\":0}}", INVALID_MESSAGE),
                bad("limit 201", "{\"type\":\"history\",\"room\":\"a\",\"data\":{\"limit\":201}}", INVALID_MESSAGE),
                bad("limit Long.MAX_VALUE", "{\"type\":\"history\",\"room\":\"a\",\"data\":{\"limit\":"
                        + Long.MAX_VALUE + "}}", INVALID_MESSAGE),
                bad("before zero", "{\"type\":\"history\",\"room\":\"a\",\"data\":{\"before\":0}}", INVALID_MESSAGE),
                bad("edit without seq", "{\"type\":\"edit_message\",\"room\":\"a\",\"data\":{\"content\":\"x\"}}",
                        INVALID_MESSAGE),
                bad("delete with null seq", "{\"type\":\"delete_message\",\"room\":\"a\",\"data\":{\"seq\":null}}",
                        INVALID_MESSAGE),
                bad("delete with boolean seq", "{\"type\":\"delete_message\",\"room\":\"a\",\"data\":{\"seq\":true}}",
                        INVALID_MESSAGE),
                // Sign-in.
                bad("login without data", "{\"type\":\"login\"}", INVALID_MESSAGE),
                bad("login without username", "{\"type\":\"login\",\"data\":{\"password\":\"secret\"}}",
                        INVALID_MESSAGE),
                bad("register without password", "{\"type\":\"register\",\"data\":{\"username\":\"alice\"}}",
                        INVALID_MESSAGE),
                bad("password over 1,024 chars", "{\"type\":\"login\",\"data\":{\"username\":\"alice\",\"password\":\""
                        + "p".repeat(1025) + "\"}}", TOO_LARGE));
    }

    private static Arguments bad(String name, String frame, ErrorCode expected) {
        return Arguments.of(name, frame, expected);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("malformed")
    void mapsBadFrameToItsError(String name, String frame, ErrorCode expected) {
        Decoded<ClientFrame> decoded = codec.decodeClient(frame);

        assertThat(decoded).isInstanceOf(Decoded.Failed.class);
        ProtocolError error = ((Decoded.Failed<ClientFrame>) decoded).error();
        assertThat(error.code()).as(error.message()).isEqualTo(expected);
        assertThat(error.message()).isNotBlank().hasSizeLessThan(300);
    }

    @Test
    void keepsTheRequestIdOfAFrameThatFailsLate() {
        Decoded<ClientFrame> decoded = codec.decodeClient(SEND + "{\"content\":\"  \"}}");

        assertThat(((Decoded.Failed<ClientFrame>) decoded).error().requestId()).isEqualTo("q1");
    }

    @Test
    void neverQuotesAPasswordInAnError() {
        Decoded<ClientFrame> decoded = codec.decodeClient(
                "{\"type\":\"login\",\"data\":{\"username\":\"alice\",\"password\":\"hunter2-secret\",}}");

        assertThat(((Decoded.Failed<ClientFrame>) decoded).error().message()).doesNotContain("hunter2");
    }

    @Test
    void ignoresUnknownFieldsAndSpoofedServerFields() {
        Decoded<ClientFrame> decoded = codec.decodeClient("{\"type\":\"ping\",\"id\":\"p\",\"future\":{\"x\":1},"
                + "\"sender\":\"root\",\"timestamp\":\"2000-01-01T00:00:00.000Z\",\"seq\":99}");

        assertThat(decoded).isEqualTo(new Decoded.Ok<>(new ClientFrame.Ping("p")));
    }

    @Test
    void acceptsExactly4000CodePoints() {
        Decoded<ClientFrame> decoded = codec.decodeClient(SEND + "{\"content\":\"" + "😀".repeat(4000) + "\"}}");

        assertThat(decoded).isInstanceOf(Decoded.Ok.class);
    }

    @Test
    void keepsBidiControlsAndCombiningMarksAsText() {
        String zalgo = "Z" + "\u0301".repeat(3000) + " \u202Eevil\u202C \u200D";
        Decoded<ClientFrame> decoded = codec.decodeClient(SEND + "{\"content\":\"" + zalgo + "\"}}");

        assertThat(decoded).isInstanceOf(Decoded.Ok.class);
        ClientFrame.SendMessage send = (ClientFrame.SendMessage) ((Decoded.Ok<ClientFrame>) decoded).frame();
        assertThat(send.data().content().value()).isEqualTo(zalgo);
    }

    @Test
    void leavesUsernameRulesToTheServerSoItCanAnswerInvalidUsername() {
        Decoded<ClientFrame> decoded = codec.decodeClient(
                "{\"type\":\"login\",\"data\":{\"username\":\"a b\",\"password\":\"pw\"}}");

        assertThat(decoded).isInstanceOf(Decoded.Ok.class);
        ClientFrame.Login login = (ClientFrame.Login) ((Decoded.Ok<ClientFrame>) decoded).frame();
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(ProtocolViolation.class,
                () -> Username.of(login.data().username())).code()).isEqualTo(INVALID_USERNAME);
    }

    @Test
    void aClientReadsAFullHistoryPageOfTheLongestMessages() {
        ServerFrame.Message longest = new ServerFrame.Message(Examples.GENERAL, "bob", null, Examples.NOW,
                new ServerFrame.ChatMessage(1, "x".repeat(MessageContent.MAX_CODE_POINTS), "u2", "bob",
                        "c".repeat(ClientId.MAX_LENGTH), null, null, null, null));
        ServerFrame.History page = new ServerFrame.History(Examples.GENERAL, "h", Examples.NOW,
                new ServerFrame.Page(java.util.Collections.nCopies(ClientFrame.MAX_HISTORY_LIMIT, longest), true));
        String text = codec.encode(page);

        assertThat(text.length()).isGreaterThan(FrameCodec.DEFAULT_MAX_FRAME_CHARS);
        assertThat(FrameCodec.forClient().decodeServer(text)).isEqualTo(new Decoded.Ok<>(page));
    }

    @Test
    void survivesAHostileServer() {
        assertThat(codec.decodeServer("{\"type\":\"message\",\"room\":\"a\",\"timestamp\":\"x\",\"data\":{}}"))
                .isInstanceOf(Decoded.Failed.class);
        assertThat(codec.decodeServer("{\"type\":\"joined_room\",\"room\":\"a\",\"timestamp\":"
                + "\"2026-01-01T00:00:00.000Z\",\"data\":{\"members\":[null],\"last_seq\":1,\"epoch\":\"e\","
                + "\"has_more\":false}}")).isInstanceOf(Decoded.Failed.class);
        assertThat(codec.decodeServer("[".repeat(50_000))).isInstanceOf(Decoded.Failed.class);
        assertThat(codec.decodeServer("{\"type\":\"shutdown\"}"))
                .isEqualTo(new Decoded.Failed<>(new ProtocolError(UNKNOWN_TYPE, "unknown frame type \"shutdown\"",
                        null)));
    }
}
