package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    @Test
    void defaultsFollowTheProtocolAndTheDocumentedLimits() {
        ServerConfig config = ServerConfig.builder().build();
        assertThat(config.port()).isEqualTo(7480);
        assertThat(config.limits().maxFrameBytes()).isEqualTo(64 * 1024);
        assertThat(config.limits().maxMessageBytes()).isEqualTo(64 * 1024);
        assertThat(config.limits().maxContentChars()).isEqualTo(4000);
        assertThat(config.limits().maxConnectionsPerUser()).isEqualTo(5);
        assertThat(config.limits().maxLoginAttempts()).isEqualTo(5);
        assertThat(config.limits().replayLimit()).isEqualTo(500);
        assertThat(config.timeouts().auth()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.timeouts().handshake()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.timeouts().pingInterval()).isEqualTo(Duration.ofSeconds(25));
        assertThat(config.timeouts().heartbeat()).isEqualTo(Duration.ofSeconds(55));
    }

    @Test
    void refusesImpossibleValuesNamingTheSetting() {
        assertThatThrownBy(() -> ServerConfig.builder().port(65_536).build()).hasMessageContaining("port");
        assertThatThrownBy(() -> ServerConfig.builder().maxContentChars(4001).build())
                .hasMessageContaining("maxContentChars");
        assertThatThrownBy(() -> ServerConfig.builder().maxFrameBytes(128 * 1024).build())
                .hasMessageContaining("maxMessageBytes");
        assertThatThrownBy(() -> ServerConfig.builder().replayLimit(501).build()).hasMessageContaining("replayLimit");
        assertThatThrownBy(() -> ServerConfig.builder().authTimeout(Duration.ZERO).build())
                .hasMessageContaining("auth");
        assertThatThrownBy(() -> ServerConfig.builder().pingInterval(Duration.ofSeconds(90)).build())
                .hasMessageContaining("heartbeat");
        assertThatThrownBy(() -> ServerConfig.builder().name(" ").build()).hasMessageContaining("name");
    }

    @Test
    void toBuilderKeepsEveryValue() {
        ServerConfig config = ServerConfig.builder().port(1).name("x").guests(false).maxQueuedBytes(4096)
                .shutdownTimeout(Duration.ofSeconds(2)).build();
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void readsDurationsAsPeopleWriteThem() {
        assertThat(DurationText.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationText.parse("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(DurationText.parse(" 2m ")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationText.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationText.parse("PT3S")).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> DurationText.parse("soon")).hasMessageContaining("soon");
    }
}
