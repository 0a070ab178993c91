package dev.confab.server.store.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backs the database up online ({@link SqliteDatabase#backupInto}, {@code VACUUM INTO}) every interval on its own
 * daemon thread, and keeps the newest {@code keep} {@code confab-*.db} files of the backup directory. A failed
 * backup is logged and tried again at the next interval; it never stops the server.
 */
public final class BackupSchedule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackupSchedule.class);
    /** With no backup yet, the first comes this soon (not at start: that would slow every start down). */
    static final Duration FIRST_WITHOUT_BACKUPS = Duration.ofMinutes(10);

    private final SqliteDatabase database;
    private final Path directory;
    private final int keep;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    private BackupSchedule(SqliteDatabase database, Path directory, int keep, Clock clock) {
        this.database = database;
        this.directory = directory;
        this.keep = keep;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "confab-backup");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts backing up every {@code interval}; the first is due one interval after the newest backup already in
     * {@code directory}, so a server restarted more often than its interval still backs up (with none there, after
     * the interval or {@link #FIRST_WITHOUT_BACKUPS}, whichever is shorter).
     */
    public static BackupSchedule start(SqliteDatabase database, Path directory, Duration interval, int keep,
                                       Clock clock) {
        if (interval.isZero() || interval.isNegative() || keep < 1) {
            throw new IllegalArgumentException("a backup schedule needs a positive interval and keep >= 1");
        }
        BackupSchedule schedule = new BackupSchedule(database, directory, keep, clock);
        long every = interval.toMillis();
        long first = schedule.newest()
                .map(at -> Math.max(0, every - Math.max(0, Duration.between(at, clock.instant()).toMillis())))
                .orElse(Math.min(every, FIRST_WITHOUT_BACKUPS.toMillis()));
        schedule.timer.scheduleWithFixedDelay(schedule::backUpQuietly, first, every, TimeUnit.MILLISECONDS);
        LOG.info("Backing up into {} every {}, keeping {}", directory, interval, keep);
        return schedule;
    }

    /** Takes one backup now and prunes old ones; returns the new file. */
    public Path backUp() {
        Path written = database.backupInto(directory, clock);
        LOG.info("Backed up the database to {}", written);
        prune();
        return written;
    }

    private void backUpQuietly() {
        try {
            backUp();
        } catch (RuntimeException e) {
            // The boundary of the scheduled task: an exception would cancel every later backup.
            LOG.error("Scheduled backup into {} failed; trying again at the next interval", directory, e);
        }
    }

    private void prune() {
        List<Path> backups = backups();
        for (Path old : backups.subList(0, Math.max(0, backups.size() - keep))) {
            try {
                Files.deleteIfExists(old);
                LOG.info("Removed the old backup {}", old);
            } catch (IOException e) {
                LOG.warn("Cannot remove the old backup {}: {}", old, e.toString());
            }
        }
    }

    private Optional<Instant> newest() {
        List<Path> backups = backups();
        return backups.isEmpty() ? Optional.empty()
                : Optional.of(modified(backups.getLast()).toInstant());
    }

    /** The backups in the directory, oldest first. */
    private List<Path> backups() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> {
                String name = file.getFileName().toString();
                return name.startsWith("confab-") && name.endsWith(".db") && Files.isRegularFile(file);
            }).sorted(Comparator.comparing(BackupSchedule::modified).thenComparing(Path::toString)).toList();
        } catch (IOException e) {
            LOG.warn("Cannot list the backups in {}: {}", directory, e.toString());
            return List.of();
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** Stops the schedule, waiting for a backup in progress to finish (it holds a read connection). */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("A backup was still running when the server stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
