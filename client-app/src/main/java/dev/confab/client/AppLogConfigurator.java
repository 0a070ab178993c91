package dev.confab.client;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;
import java.util.Locale;

/**
 * The desktop app's logging, found by Logback through {@code META-INF/services}: a rolling file in the log
 * directory {@link AppLogging} chose (5 MB, three older files), and warnings on standard error. The WebSocket
 * library and JmDNS stay at WARN: the library's debug output includes raw handshakes (a sign-in token in the
 * request line), JmDNS's fills the file with packet dumps. {@code CONFAB_LOG_LEVEL=DEBUG} turns on the app's own
 * debug lines.
 *
 * <p>Built in code rather than read from an XML file: parsing the XML cost the app's start about 80 ms of CPU on
 * this project's 2-core machine (S9). Steps aside when no log directory was chosen (tests, tools) or when a
 * configuration file is given ({@code -Dlogback.configurationFile}).
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class AppLogConfigurator extends ContextAwareBase implements Configurator {
    static final String LOG_FILE = "confab.log";
    private static final String FILE_PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX, UTC} %-5level [%thread] %logger{0} - %msg%n";
    private static final String CONSOLE_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        String dir = System.getProperty(AppLogging.DIRECTORY_PROPERTY);
        if (dir == null || System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(dir + "/" + LOG_FILE);
        file.setEncoder(encoder(context, FILE_PATTERN));
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(dir + "/confab.%i.log");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(3);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf("5MB"));
        trigger.start();
        file.setRollingPolicy(rolling);
        file.setTriggeringPolicy(trigger);
        file.start();

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setTarget("System.err");
        ThresholdFilter warnings = new ThresholdFilter();
        warnings.setLevel("WARN");
        warnings.start();
        console.addFilter(warnings);
        console.setEncoder(encoder(context, CONSOLE_PATTERN));
        console.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(file);
        root.addAppender(console);
        context.getLogger("org.java_websocket").setLevel(Level.WARN);
        context.getLogger("javax.jmdns").setLevel(Level.WARN);
        context.getLogger("dev.confab").setLevel(appLevel(System.getenv("CONFAB_LOG_LEVEL")));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The app's own level: INFO unless CONFAB_LOG_LEVEL names another (an unknown name gives INFO too). */
    static Level appLevel(String variable) {
        return variable == null ? Level.INFO : Level.toLevel(variable.trim().toUpperCase(Locale.ROOT), Level.INFO);
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }
}
