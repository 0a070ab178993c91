package dev.confab.client;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import dev.confab.client.settings.AppPaths;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppLoggingTest {
    @TempDir
    Path home;

    @Test
    void theAppLogsItsOwnLinesToAnOwnerOnlyFolderAndKeepsLibraryDebugOutOfIt() throws Exception {
        AppPaths paths = AppPaths.under(home);
        String before = System.getProperty("logback.configurationFile");
        try {
            assertThat(AppLogging.configure(paths)).isEmpty();
        } finally {
            restore("logback.configurationFile", before);
        }
        Path dir = paths.data().resolve("logs");
        assertThat(System.getProperty("confab.log.dir")).isEqualTo(dir.toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");

        // The configuration itself, in a context of its own (the tests' global logging stays as it is).
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.putProperty("confab.log.dir", dir.toString());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        URL configuration = Objects.requireNonNull(getClass().getClassLoader().getResource(AppLogging.CONFIGURATION));
        configurator.doConfigure(configuration);
        context.getLogger("org.java_websocket.WebSocketImpl").debug("GET /ws?token=secret-token HTTP/1.1");
        context.getLogger("javax.jmdns.impl.JmDNSImpl").debug("packet dump");
        context.getLogger("dev.confab.client.Something").info("Connected to chat.example");
        context.getLogger("dev.confab.client.Something").debug("a debug line of the app");
        context.stop();

        String log = Files.readString(dir.resolve("confab.log"), StandardCharsets.UTF_8);
        assertThat(log).contains("Connected to chat.example")
                .doesNotContain("secret-token", "packet dump", "a debug line of the app");
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
