package dev.confab.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoreConfigTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        StoreConfig config = StoreConfig.defaults();
        assertThat(config.queueCapacity()).isEqualTo(10_000);
        assertThat(config.maxBatch()).isEqualTo(512);
        assertThat(config.readConnections()).isEqualTo(2);
        assertThat(config.busyTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.checkOnOpen()).isTrue();
    }

    @Test
    void refusesValuesOutOfRange() {
        StoreConfig config = StoreConfig.defaults();
        assertThatThrownBy(() -> config.withQueueCapacity(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queueCapacity");
        assertThatThrownBy(() -> config.withMaxBatch(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.withReadConnections(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.withBusyTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.withCloseTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
