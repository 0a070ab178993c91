package dev.confab.server.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.RoomName;
import dev.confab.server.bus.RoomEvent;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

    @Test
    void anEventSurvivesTheTripThroughRedisText() {
        RoomEvent event = new RoomEvent(RoomName.of("general"), "{\"type\":\"message\",\"x\":\"a\\nb\"}", 42,
                "u1", "conn-1");
        String channel = Envelope.channel(event.room());
        assertThat(Envelope.decode(channel, new Envelope("n1", event).encode())).contains(new Envelope("n1", event));

        RoomEvent everyone = new RoomEvent(RoomName.of("general"), "{}\n{}", 0, null, null);
        assertThat(Envelope.decode(channel, new Envelope("n2", everyone).encode()))
                .contains(new Envelope("n2", everyone));
    }

    @Test
    void foreignMessagesAreIgnored() {
        assertThat(Envelope.decode("other:channel", "n1\n1\n\n\n{}")).isEmpty();
        assertThat(Envelope.decode("confab:room:general", "no newlines")).isEmpty();
        assertThat(Envelope.decode("confab:room:general", "n1\nnot-a-number\n\n\n{}")).isEmpty();
    }

    @Test
    void configRefusesBadValuesAndHidesThePassword() {
        RedisBusConfig config = RedisBusConfig.of("redis://:secret@redis.example:6379");
        assertThat(config.toString()).doesNotContain("secret").contains("redis.example:6379");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RedisBusConfig.of("http://x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
