package dev.confab.client.settings;

import dev.confab.client.session.ReadMarks;
import dev.confab.protocol.RoomName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read positions of every server and account, in one small file in the data directory, readable by its owner only
 * (which rooms one reads is nobody else's business) and replaced atomically. Reading a busy room moves the mark
 * with every message, so a change is written after {@code writeDelay}, all changes of that time in one write;
 * {@link #flush()} writes at once (on closing).
 */
public final class ReadPositions {
    private static final Logger LOG = LoggerFactory.getLogger(ReadPositions.class);
    private static final String COMMENT = "Confab read positions: server|account|room = seq epoch";

    private final Path file;
    private final ScheduledExecutorService timers;
    private final Duration writeDelay;
    private final Properties props;
    private boolean dirty;
    private boolean writeScheduled;

    private ReadPositions(Path file, ScheduledExecutorService timers, Duration writeDelay, Properties props) {
        this.file = file;
        this.timers = timers;
        this.writeDelay = writeDelay;
        this.props = props;
    }

    /** Loads the positions; an unreadable file is logged and read as empty (unread counts start at zero). */
    public static ReadPositions open(Path file, ScheduledExecutorService timers, Duration writeDelay) {
        Properties props;
        try {
            props = PropertiesFile.load(file);
        } catch (IllegalStateException e) {
            LOG.warn("Read positions unreadable, starting without them", e);
            props = new Properties();
        }
        return new ReadPositions(file, timers, writeDelay, props);
    }

    /** The marks of one server, for its session. */
    public ReadMarks forServer(String server) {
        return new ReadMarks() {
            @Override
            public Optional<Mark> find(String account, RoomName room) {
                return ReadPositions.this.find(key(server, account, room));
            }

            @Override
            public void save(String account, RoomName room, Mark mark) {
                ReadPositions.this.save(key(server, account, room), mark);
            }

            @Override
            public void flush() {
                ReadPositions.this.flush();
            }
        };
    }

    /** Writes pending changes now. */
    public synchronized void flush() {
        if (!dirty) {
            return;
        }
        dirty = false;
        try {
            PropertiesFile.save(file, props, COMMENT, true);
        } catch (RuntimeException e) {
            // Losing a read position costs a wrong unread count, not a message: log it and go on.
            LOG.warn("Could not write the read positions to {}", file, e);
        }
    }

    private synchronized Optional<ReadMarks.Mark> find(String key) {
        String value = props.getProperty(key, "");
        int space = value.indexOf(' ');
        if (space <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ReadMarks.Mark(Long.parseLong(value.substring(0, space)),
                    value.substring(space + 1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private synchronized void save(String key, ReadMarks.Mark mark) {
        String value = mark.seq() + " " + mark.epoch();
        if (value.equals(props.getProperty(key))) {
            return;
        }
        props.setProperty(key, value);
        dirty = true;
        if (writeDelay.isZero()) {
            flush();
        } else if (!writeScheduled) {
            writeScheduled = true;
            try {
                timers.schedule(this::delayedWrite, writeDelay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // Closing: the timers are gone, so write now rather than not at all.
                writeScheduled = false;
                flush();
            }
        }
    }

    private synchronized void delayedWrite() {
        writeScheduled = false;
        flush();
    }

    private static String key(String server, String account, RoomName room) {
        return server + "|" + account.toLowerCase(Locale.ROOT) + "|" + room.value();
    }
}
