package dev.confab.client;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import dev.confab.client.settings.AppPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppLoggingTest {
    @TempDir
    Path home;

    @Test
    void theAppLogsItsOwnLinesToAnOwnerOnlyFolderAndKeepsLibraryDebugOutOfIt() throws Exception {
        AppPaths paths = AppPaths.under(home);
        String before = System.getProperty(AppLogging.DIRECTORY_PROPERTY);
        try {
            assertThat(AppLogging.configure(paths)).isEmpty();
            Path dir = paths.data().resolve("logs");
            assertThat(System.getProperty(AppLogging.DIRECTORY_PROPERTY)).isEqualTo(dir.toString());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");

            // The configuration Logback finds, applied to a context of its own (the tests' logging stays as it is).
            assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
                    .contains(AppLogConfigurator.class);
            LoggerContext context = new LoggerContext();
            context.setMDCAdapter(new LogbackMDCAdapter());
            AppLogConfigurator configurator = new AppLogConfigurator();
            configurator.setContext(context);
            assertThat(configurator.configure(context))
                    .isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
            context.getLogger("org.java_websocket.WebSocketImpl").debug("GET /ws?token=secret-token HTTP/1.1");
            context.getLogger("javax.jmdns.impl.JmDNSImpl").debug("packet dump");
            context.getLogger("dev.confab.client.Something").info("Connected to chat.example");
            context.getLogger("dev.confab.client.Something").debug("a debug line of the app");
            context.getLogger("org.java_websocket.WebSocketImpl").warn("a library warning");
            context.stop();

            String log = Files.readString(dir.resolve(AppLogConfigurator.LOG_FILE), StandardCharsets.UTF_8);
            assertThat(log).contains("Connected to chat.example", "a library warning")
                    .doesNotContain("secret-token", "packet dump", "a debug line of the app");
        } finally {
            restore(AppLogging.DIRECTORY_PROPERTY, before);
        }
    }

    @Test
    void withoutALogDirectoryTheConfigurationStepsAsideForTheNextOne() {
        String before = System.getProperty(AppLogging.DIRECTORY_PROPERTY);
        System.clearProperty(AppLogging.DIRECTORY_PROPERTY);
        try {
            LoggerContext context = new LoggerContext();
            AppLogConfigurator configurator = new AppLogConfigurator();
            configurator.setContext(context);
            assertThat(configurator.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        } finally {
            restore(AppLogging.DIRECTORY_PROPERTY, before);
        }
    }

    @Test
    void theAppsLevelComesFromTheVariable() {
        assertThat(AppLogConfigurator.appLevel(null)).isEqualTo(Level.INFO);
        assertThat(AppLogConfigurator.appLevel("debug")).isEqualTo(Level.DEBUG);
        assertThat(AppLogConfigurator.appLevel("nonsense")).isEqualTo(Level.INFO);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
