package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The deployment settings: defaults for the embedded use, validation, and secrets kept out of toString. */
class DeploymentConfigTest {

    @Test
    void theEmbeddedDefaultIsSqliteInProcessAndNoAdminPort() {
        ServerConfig.Deployment deployment = ServerConfig.builder().build().deployment();
        assertThat(deployment.sharedStore()).isFalse();
        assertThat(deployment.sharedBus()).isFalse();
        assertThat(deployment.adminEnabled()).isFalse();
        assertThat(deployment.adminHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void aSharedBusWithoutASharedStoreIsRefused() {
        assertThatThrownBy(() -> ServerConfig.builder().bus("redis://localhost:6379").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shared bus needs a shared store");
    }

    @Test
    void foreignUrlsAreRefused() {
        assertThatThrownBy(() -> ServerConfig.builder().store("jdbc:mysql://x/y"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:postgresql:");
        assertThatThrownBy(() -> ServerConfig.builder().store("jdbc:postgresql://db/c").bus("http://x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("redis://");
        assertThatThrownBy(() -> ServerConfig.builder().adminPort(70_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("adminPort");
    }

    @Test
    void passwordsNeverShowInToString() {
        ServerConfig config = ServerConfig.builder().store("jdbc:postgresql://db/c?password=url-secret")
                .storeUser("confab").storePassword("env-secret").bus("redis://:bus-secret@redis:6379").build();
        assertThat(config.toString()).doesNotContain("url-secret", "env-secret", "bus-secret")
                .contains("jdbc:postgresql://db/c", "redis:6379");
    }
}
