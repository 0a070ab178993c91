package dev.confab.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.session.ChatLine;
import dev.confab.client.session.Delivery;
import dev.confab.protocol.RoomName;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NotificationPolicyTest {
    private static final RoomName GENERAL = RoomName.of("general");

    @ParameterizedTest(name = "{0}: mention={1} focused={2} muted={3} -> {4}")
    @CsvSource({
        // room in view
        "general, false, true,  false, none",
        "general, true,  true,  false, none",
        "general, false, false, false, message",
        "general, true,  false, false, mention",
        // another room
        "builds,  false, true,  false, none",
        "builds,  true,  true,  false, mention",
        "builds,  false, false, false, message",
        "builds,  true,  false, false, mention",
        // another room, muted: only mentions
        "builds,  false, false, true,  none",
        "builds,  false, true,  true,  none",
        "builds,  true,  false, true,  mention",
        "builds,  true,  true,  true,  mention",
        // the room in view, muted, window away
        "general, false, false, true,  none",
        "general, true,  false, true,  mention",
    })
    void notifiesMentionsAlwaysAndOtherMessagesOnlyWhileAwayFromUnmutedRooms(String room, boolean mention,
                                                                               boolean focused, boolean muted,
                                                                               String expected) {
        ChatLine line = new ChatLine(RoomName.of(room), 7, null, "bob", "@alice the build\nis green", Instant.EPOCH,
                null, null, false, false, Delivery.SENT, false);
        var notice = NotificationPolicy.decide(line, mention, GENERAL, focused, muted);
        switch (expected) {
            case "none" -> assertThat(notice).isEmpty();
            case "mention" -> assertThat(notice).hasValueSatisfying(n -> {
                assertThat(n.title()).isEqualTo("bob mentioned you in #" + room);
                assertThat(n.body()).isEqualTo("@alice the build");
            });
            default -> assertThat(notice).hasValueSatisfying(n -> {
                assertThat(n.title()).isEqualTo("bob in #" + room);
                assertThat(n.oneLine()).isEqualTo("bob in #" + room + " — @alice the build");
            });
        }
    }
}
