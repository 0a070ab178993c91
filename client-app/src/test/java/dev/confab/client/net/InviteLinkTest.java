package dev.confab.client.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.RoomName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InviteLinkTest {
    @Test
    void readsHostPortAndRoom() {
        InviteLink link = ok("confab://192.168.1.20:7490/builds");
        assertThat(link.server()).isEqualTo(ServerAddress.of("192.168.1.20", 7490));
        assertThat(link.room()).isEqualTo(RoomName.of("builds"));
    }

    @Test
    void fillsInTheDefaultPortAndLeavesTheRoomToTheServer() {
        InviteLink link = ok("CONFAB://dana-laptop.local");
        assertThat(link.server().port()).isEqualTo(ServerAddress.DEFAULT_PORT);
        assertThat(link.room()).isNull();
        assertThat(ok("confab://dana-laptop.local/").room()).isNull();
    }

    @Test
    void writesWhatItReads() {
        for (String text : new String[] {"confab://192.168.1.20:7480/general", "confab://[fe80::1]:7480/general",
                "confab://chat.example.com:443/ops?tls=1", "confab://10.0.0.5:7480/"}) {
            assertThat(ok(text).toLink()).isEqualTo(text);
        }
        assertThat(ok("confab://chat.example.com:443/ops?tls=1").server().secure()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://192.168.1.20:7480/general | starts with confab://",
        "192.168.1.20:7480 | starts with confab://",
        "confab:///general | names no server",
        "confab://bob:secret@10.0.0.5/general | no user name or password",
        "confab://10.0.0.5:7480/Not A Room | not a valid link",
        "confab://10.0.0.5:7480/no/such/room | is not a room name",
        "'' | starts with confab://"})
    void refusesBadInputWithAReason(String text, String reason) {
        assertThat(InviteLink.parse(text)).isInstanceOfSatisfying(InviteLink.Parsed.Bad.class,
                bad -> assertThat(bad.reason()).contains(reason));
    }

    private static InviteLink ok(String text) {
        return switch (InviteLink.parse(text)) {
            case InviteLink.Parsed.Ok ok -> ok.link();
            case InviteLink.Parsed.Bad bad -> throw new AssertionError(text + ": " + bad.reason());
        };
    }
}
