package dev.confab.server.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Collects the server's log events (at the configured levels) while open. Read {@link #lines} once the threads
 * that log are done (the server closed): the appender's list is not safe to read while they write.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture() {
        appender.start();
        root.addAppender(appender);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    /** The formatted messages logged so far that contain {@code text}. */
    public List<String> lines(String text) {
        return List.copyOf(appender.list).stream().map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.contains(text)).toList();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
