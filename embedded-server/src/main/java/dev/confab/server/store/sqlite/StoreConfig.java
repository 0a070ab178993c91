package dev.confab.server.store.sqlite;

import java.time.Duration;

/**
 * Limits of the SQLite store.
 *
 * @param queueCapacity       message writes (append, edit, delete) that may wait for the writer; one more is
 *                            refused at once with a busy {@link dev.confab.server.store.StoreException}
 * @param maxBatch            writes committed together in one transaction at most
 * @param readConnections     connections that serve reads, each used by one reader at a time
 * @param busyTimeout         how long a statement waits for a lock another process holds before it fails
 * @param readConnectionWait  how long a read waits for a free read connection before it fails
 * @param closeTimeout        how long {@code close()} waits for accepted writes to finish
 * @param checkOnOpen         run {@code PRAGMA quick_check} when opening and refuse a damaged file (reads every
 *                            page once: a second or so per GiB)
 */
public record StoreConfig(int queueCapacity, int maxBatch, int readConnections, Duration busyTimeout,
                          Duration readConnectionWait, Duration closeTimeout, boolean checkOnOpen) {

    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    public static final int DEFAULT_MAX_BATCH = 512;
    public static final int DEFAULT_READ_CONNECTIONS = 2;
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_CONNECTION_WAIT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    public StoreConfig {
        requireRange("queueCapacity", queueCapacity, 1, 10_000_000);
        requireRange("maxBatch", maxBatch, 1, 100_000);
        requireRange("readConnections", readConnections, 1, 64);
        requirePositive("busyTimeout", busyTimeout);
        requirePositive("readConnectionWait", readConnectionWait);
        requirePositive("closeTimeout", closeTimeout);
        if (busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("busyTimeout must be below " + Integer.MAX_VALUE + " ms");
        }
    }

    /** The defaults. */
    public static StoreConfig defaults() {
        return new StoreConfig(DEFAULT_QUEUE_CAPACITY, DEFAULT_MAX_BATCH, DEFAULT_READ_CONNECTIONS,
                DEFAULT_BUSY_TIMEOUT, DEFAULT_READ_CONNECTION_WAIT, DEFAULT_CLOSE_TIMEOUT, true);
    }

    public StoreConfig withQueueCapacity(int value) {
        return new StoreConfig(value, maxBatch, readConnections, busyTimeout, readConnectionWait, closeTimeout,
                checkOnOpen);
    }

    public StoreConfig withMaxBatch(int value) {
        return new StoreConfig(queueCapacity, value, readConnections, busyTimeout, readConnectionWait, closeTimeout,
                checkOnOpen);
    }

    public StoreConfig withReadConnections(int value) {
        return new StoreConfig(queueCapacity, maxBatch, value, busyTimeout, readConnectionWait, closeTimeout,
                checkOnOpen);
    }

    public StoreConfig withBusyTimeout(Duration value) {
        return new StoreConfig(queueCapacity, maxBatch, readConnections, value, readConnectionWait, closeTimeout,
                checkOnOpen);
    }

    public StoreConfig withCloseTimeout(Duration value) {
        return new StoreConfig(queueCapacity, maxBatch, readConnections, busyTimeout, readConnectionWait, value,
                checkOnOpen);
    }

    public StoreConfig withCheckOnOpen(boolean value) {
        return new StoreConfig(queueCapacity, maxBatch, readConnections, busyTimeout, readConnectionWait,
                closeTimeout, value);
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", not " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}
