package dev.confab.server.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.RoomName;
import dev.confab.server.bus.MessageBus;
import org.junit.jupiter.api.Test;

class OwnWritesTest {
    private static final RoomName LOBBY = RoomName.of("lobby");
    private final OwnWrites writes = new OwnWrites();

    @Test
    void aWriteCoversItsOwnMessageOnlyUntilClosed() {
        MessageBus.Storing storing = writes.add(LOBBY, "u1", "c1");

        assertThat(writes.storing(LOBBY, "u1", "c1")).isTrue();
        assertThat(writes.storing(LOBBY, "u1", "c2")).isFalse();
        assertThat(writes.storing(LOBBY, "u2", "c1")).isFalse();
        assertThat(writes.storing(RoomName.of("other"), "u1", "c1")).isFalse();
        storing.close();
        assertThat(writes.storing(LOBBY, "u1", "c1")).isFalse();
    }

    @Test
    void aMessageWithoutClientIdIsCoveredByAnyOpenWriteOfItsAuthorWithoutOne() {
        MessageBus.Storing first = writes.add(LOBBY, "u1", null);
        MessageBus.Storing second = writes.add(LOBBY, "u1", null);

        first.close();
        assertThat(writes.storing(LOBBY, "u1", null)).isTrue();
        assertThat(writes.storing(LOBBY, "u1", "c1")).isFalse();
        second.close();
        assertThat(writes.storing(LOBBY, "u1", null)).isFalse();
    }

    @Test
    void closingTwiceReleasesOneWriteOnly() {
        MessageBus.Storing original = writes.add(LOBBY, "u1", "c1");
        MessageBus.Storing resend = writes.add(LOBBY, "u1", "c1");

        original.close();
        original.close();
        assertThat(writes.storing(LOBBY, "u1", "c1")).as("the resend is still open").isTrue();
        resend.close();
        assertThat(writes.storing(LOBBY, "u1", "c1")).isFalse();
    }
}
