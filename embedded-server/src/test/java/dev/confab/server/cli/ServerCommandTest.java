package dev.confab.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.server.SecurityConfig;
import dev.confab.server.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerCommandTest {

    private static ServerConfig run(Map<String, String> env, String... args) {
        ServerCommand.Request request = ServerCommand.parse(args, env);
        assertThat(request).isInstanceOf(ServerCommand.Request.Run.class);
        return ((ServerCommand.Request.Run) request).config();
    }

    private static String invalid(Map<String, String> env, String... args) {
        ServerCommand.Request request = ServerCommand.parse(args, env);
        assertThat(request).isInstanceOf(ServerCommand.Request.Invalid.class);
        return ((ServerCommand.Request.Invalid) request).message();
    }

    @Test
    void withNothingGivenUsesTheDefaults() {
        ServerConfig config = run(Map.of());
        ServerConfig defaults = ServerConfig.builder().build();
        assertThat(config.port()).isEqualTo(7480);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.guests()).isTrue();
        assertThat(config.registration()).isTrue();
        assertThat(config.limits()).isEqualTo(defaults.limits());
        assertThat(config.timeouts()).isEqualTo(defaults.timeouts());
    }

    @Test
    void environmentOverridesDefaultsAndFlagsOverrideEnvironment() {
        Map<String, String> env = Map.of("CONFAB_PORT", "9000", "CONFAB_NAME", "Env", "CONFAB_GUESTS", "off",
                "CONFAB_MAX_FRAME_BYTES", "32768", "CONFAB_AUTH_TIMEOUT", "3s", "CONFAB_DATA_DIR", "/srv/confab");
        ServerConfig fromEnv = run(env);
        assertThat(fromEnv.port()).isEqualTo(9000);
        assertThat(fromEnv.name()).isEqualTo("Env");
        assertThat(fromEnv.guests()).isFalse();
        assertThat(fromEnv.limits().maxFrameBytes()).isEqualTo(32768);
        assertThat(fromEnv.timeouts().auth()).isEqualTo(Duration.ofSeconds(3));
        assertThat(fromEnv.dataDir()).isEqualTo(Path.of("/srv/confab"));

        ServerConfig fromFlags = run(env, "--port", "9100", "--name=Flag", "--guests", "--auth-timeout", "250ms");
        assertThat(fromFlags.port()).isEqualTo(9100);
        assertThat(fromFlags.name()).isEqualTo("Flag");
        assertThat(fromFlags.guests()).isTrue();
        assertThat(fromFlags.timeouts().auth()).isEqualTo(Duration.ofMillis(250));
        assertThat(fromFlags.limits().maxFrameBytes()).isEqualTo(32768);
    }

    @Test
    void theLastOfASwitchAndItsNegationWins() {
        assertThat(run(Map.of(), "--no-registration").registration()).isFalse();
        assertThat(run(Map.of(), "--registration", "--no-registration").registration()).isFalse();
        assertThat(run(Map.of(), "--no-registration", "--registration").registration()).isTrue();
    }

    @Test
    void theTokenLifetimeComesFromTheFlagOrTheEnvironmentAndDefaultsToThirtyDays() {
        assertThat(run(Map.of()).timeouts().tokenLifetime()).isEqualTo(java.time.Duration.ofDays(30));
        assertThat(run(Map.of(), "--token-lifetime", "12h").timeouts().tokenLifetime())
                .isEqualTo(java.time.Duration.ofHours(12));
        assertThat(run(Map.of("CONFAB_TOKEN_LIFETIME", "90m")).timeouts().tokenLifetime())
                .isEqualTo(java.time.Duration.ofMinutes(90));
        assertThat(invalid(Map.of(), "--token-lifetime", "0s")).contains("tokenLifetime must be longer than zero");
    }

    @Test
    void tlsSelfSignedFromTheFlagOrTheEnvironmentGivesSelfSignedTls() {
        assertThat(run(Map.of()).security().tls()).isInstanceOf(SecurityConfig.Tls.Off.class);
        ServerConfig flagged = run(Map.of(), "--tls-self-signed");
        assertThat(flagged.security().tls()).isInstanceOf(SecurityConfig.Tls.SelfSigned.class);
        assertThat(flagged.security().tlsEnabled()).isTrue();
        assertThat(run(Map.of("CONFAB_TLS_SELF_SIGNED", "on")).security().tls())
                .isInstanceOf(SecurityConfig.Tls.SelfSigned.class);
        assertThat(run(Map.of("CONFAB_TLS_SELF_SIGNED", "on"), "--no-tls-self-signed").security().tls())
                .isInstanceOf(SecurityConfig.Tls.Off.class);
        assertThat(invalid(Map.of(), "--tls-self-signed", "--tls-keystore", "/srv/confab/keys.p12"))
                .contains("tls-self-signed");
    }

    @Test
    void badValuesNameTheOptionAndItsVariable() {
        assertThat(invalid(Map.of(), "--port", "x")).contains("--port", "CONFAB_PORT", "\"x\"");
        assertThat(invalid(Map.of("CONFAB_GUESTS", "maybe"))).contains("--guests", "maybe");
        assertThat(invalid(Map.of(), "--ping-interval", "soon")).contains("--ping-interval");
        assertThat(invalid(Map.of(), "--port", "70000")).contains("port");
        assertThat(invalid(Map.of(), "--ping-interval", "60s", "--heartbeat-timeout", "30s"))
                .contains("heartbeat");
        assertThat(invalid(Map.of(), "--no-such-option")).contains("--no-such-option");
    }

    @Test
    void theServerGuideDocumentsEveryOption() throws java.io.IOException {
        String guide = java.nio.file.Files.readString(Path.of("..", "docs", "SERVER.md"));
        for (Setting setting : Settings.ALL) {
            assertThat(guide).contains("`" + setting.flag() + "`", "`" + setting.environmentVariable() + "`");
        }
    }

    @Test
    void helpListsEveryOptionWithItsEnvironmentVariable() {
        ServerCommand.Request request = ServerCommand.parse(new String[] {"--help"}, Map.of());
        String help = ((ServerCommand.Request.Print) request).text();
        for (Setting setting : Settings.ALL) {
            assertThat(help).contains(setting.flag(), setting.environmentVariable());
        }
    }
}
