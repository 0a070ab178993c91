package dev.confab.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.server.ServerConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** --store, --bus and the admin port from the command line and the environment. */
class DeploymentSettingsTest {

    private static ServerCommand.Request parse(Map<String, String> env, String... args) {
        return ServerCommand.parse(args, env);
    }

    private static ServerConfig.Deployment deployment(Map<String, String> env, String... args) {
        ServerCommand.Request request = parse(env, args);
        assertThat(request).isInstanceOf(ServerCommand.Request.Run.class);
        return ((ServerCommand.Request.Run) request).config().deployment();
    }

    @Test
    void theStandaloneHostServesTheAdminPortOnLoopbackByDefault() {
        ServerConfig.Deployment deployment = deployment(Map.of());
        assertThat(deployment.adminPort()).isEqualTo(7481);
        assertThat(deployment.adminHost()).isEqualTo("127.0.0.1");
        assertThat(deployment.sharedStore()).isFalse();
        assertThat(deployment.sharedBus()).isFalse();
        assertThat(deployment(Map.of(), "--admin-port", "off").adminEnabled()).isFalse();
        assertThat(deployment(Map.of("CONFAB_ADMIN_PORT", "OFF")).adminEnabled()).isFalse();
        assertThat(deployment(Map.of(), "--admin-port=9100", "--admin-bind=0.0.0.0").adminHost()).isEqualTo("0.0.0.0");
    }

    @Test
    void storeAndBusComeFromTheEnvironmentOrFlagsAndThePasswordOnlyFromTheEnvironment() {
        Map<String, String> env = Map.of("CONFAB_STORE", "jdbc:postgresql://db:5432/confab",
                "CONFAB_STORE_USER", "confab", "CONFAB_STORE_PASSWORD", "s3cret", "CONFAB_BUS", "redis://redis:6379");
        ServerConfig.Deployment fromEnv = deployment(env);
        assertThat(fromEnv.storeUrl()).isEqualTo("jdbc:postgresql://db:5432/confab");
        assertThat(fromEnv.storeUser()).isEqualTo("confab");
        assertThat(fromEnv.storePassword()).isEqualTo("s3cret");
        assertThat(fromEnv.busUri()).isEqualTo("redis://redis:6379");

        ServerConfig.Deployment fromFlags = deployment(env, "--store", "jdbc:postgresql://other/db", "--bus",
                "redis://other:6380");
        assertThat(fromFlags.storeUrl()).isEqualTo("jdbc:postgresql://other/db");
        assertThat(fromFlags.busUri()).isEqualTo("redis://other:6380");
        assertThat(fromFlags.storePassword()).isEqualTo("s3cret");
        assertThat(parse(Map.of(), "--store-password", "x")).isInstanceOf(ServerCommand.Request.Invalid.class);
    }

    @Test
    void aBusWithoutAStoreOrAForeignUrlIsAClearError() {
        assertThat(parse(Map.of(), "--bus", "redis://r:6379")).isInstanceOfSatisfying(
                ServerCommand.Request.Invalid.class, invalid -> assertThat(invalid.message())
                        .contains("shared bus needs a shared store"));
        assertThat(parse(Map.of(), "--store", "jdbc:mysql://x/y")).isInstanceOfSatisfying(
                ServerCommand.Request.Invalid.class, invalid -> assertThat(invalid.message())
                        .contains("--store", "CONFAB_STORE", "jdbc:postgresql:"));
    }
}
