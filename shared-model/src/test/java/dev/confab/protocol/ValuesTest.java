package dev.confab.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesTest {

    @Test
    void comparesUsernamesWithoutRegardToCase() {
        assertThat(Username.of("Alice").sameAs(Username.of("aLICE"))).isTrue();
        assertThat(Username.of("Alice").key()).isEqualTo("alice");
        assertThat(Username.of("Alice").value()).isEqualTo("Alice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "thirty-three-characters-long-name", "a b", "al!ce", "ålice", "", "bob\u0000"})
    void rejectsMalformedUsernames(String name) {
        assertThatThrownBy(() -> Username.of(name))
                .isInstanceOfSatisfying(ProtocolViolation.class,
                        v -> assertThat(v.code()).isEqualTo(ErrorCode.INVALID_USERNAME));
    }

    @ParameterizedTest
    @ValueSource(strings = {"al", "alice", "bob.smith", "x_1-2", "thirty-two-characters-long-name1"})
    void acceptsWellFormedUsernames(String name) {
        assertThat(Username.of(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"general", "channel:456", "0", "a.b_c-d",
        "a234567890123456789012345678901234567890123456789012345678901234"})
    void acceptsRoomNamesOfTheCoreGrammar(String room) {
        assertThat(RoomName.of(room).value()).isEqualTo(room);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-general", "_a", "General", "a b", "a/b", "café"})
    void rejectsRoomNamesOutsideTheGrammar(String room) {
        assertThatThrownBy(() -> RoomName.of(room)).isInstanceOf(ProtocolViolation.class);
    }

    @Test
    void countsContentInCodePoints() {
        assertThat(MessageContent.of("😀😀").length()).isEqualTo(2);
    }

    @Test
    void knowsEveryCloseCodeByNumber() {
        for (CloseCode code : CloseCode.values()) {
            assertThat(CloseCode.of(code.code())).contains(code);
        }
        assertThat(CloseCode.of(4401)).contains(CloseCode.AUTH_FAILED);
        assertThat(CloseCode.of(1234)).isEmpty();
    }

    @Test
    void namesErrorCodesAsTheWireDoes() {
        assertThat(ErrorCode.INVALID_JSON.wireName()).isEqualTo("invalid_json");
        assertThat(ErrorCode.fromWireName("guests_not_allowed")).contains(ErrorCode.GUESTS_NOT_ALLOWED);
        assertThat(ErrorCode.fromWireName("nope")).isEmpty();
    }

    @Test
    void hidesSecretsFromToString() {
        ClientFrame.Credentials credentials = new ClientFrame.Credentials("alice", "hunter2");
        ServerFrame.Session session = new ServerFrame.Session("u1", "alice", "secret.token.value",
                Examples.NOW, false, new ServerFrame.ServerInfo("x", "1"));

        assertThat(credentials.toString()).doesNotContain("hunter2");
        assertThat(session.toString()).doesNotContain("secret.token.value");
    }
}
