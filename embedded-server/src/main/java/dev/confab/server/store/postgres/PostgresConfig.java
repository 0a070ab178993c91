package dev.confab.server.store.postgres;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the shared PostgreSQL store is and how the node uses it. The password never appears in
 * {@link #toString()} or in any log.
 *
 * @param url              a {@code jdbc:postgresql://host:port/database} URL (it may carry {@code user} and
 *                         {@code password} parameters; then {@code user} and {@code password} here may be empty)
 * @param user             the database role, or empty to take it from the URL
 * @param password         its password, or empty to take it from the URL (or none)
 * @param poolSize         connections this node keeps open; also the number of write lanes (rooms are spread
 *                         over them, so one room's writes keep their order)
 * @param queueCapacity    writes that may wait per lane; one more is refused at once as busy
 * @param connectionTimeout how long a query waits for a connection before failing; while the database is down,
 *                          a send fails with an error after this long
 * @param closeTimeout     how long {@code close()} waits for accepted writes to finish
 */
public record PostgresConfig(String url, String user, String password, int poolSize, int queueCapacity,
                             Duration connectionTimeout, Duration closeTimeout) {
    public static final int DEFAULT_POOL_SIZE = 8;
    public static final int DEFAULT_QUEUE_CAPACITY = 1_000;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    public PostgresConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("a PostgreSQL store URL starts with jdbc:postgresql:");
        }
        if (poolSize < 1 || poolSize > 256) {
            throw new IllegalArgumentException("poolSize must be between 1 and 256, was " + poolSize);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1, was " + queueCapacity);
        }
        // Hikari refuses a connection timeout below 250 ms.
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("connectionTimeout must be at least 250 ms, was " + connectionTimeout);
        }
        if (closeTimeout.isNegative() || closeTimeout.isZero()) {
            throw new IllegalArgumentException("closeTimeout must be longer than zero");
        }
    }

    /** The defaults for a URL, with the role and password from the URL or the given values. */
    public static PostgresConfig of(String url, String user, String password) {
        return new PostgresConfig(url, user, password, DEFAULT_POOL_SIZE, DEFAULT_QUEUE_CAPACITY,
                DEFAULT_CONNECTION_TIMEOUT, DEFAULT_CLOSE_TIMEOUT);
    }

    public PostgresConfig withConnectionTimeout(Duration value) {
        return new PostgresConfig(url, user, password, poolSize, queueCapacity, value, closeTimeout);
    }

    public PostgresConfig withPoolSize(int value) {
        return new PostgresConfig(url, user, password, value, queueCapacity, connectionTimeout, closeTimeout);
    }

    /** The URL without its query (which may hold a password), for logs. */
    public String safeUrl() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?…";
    }

    @Override
    public String toString() {
        return "PostgresConfig[url=" + safeUrl() + ", user=" + user + ", poolSize=" + poolSize + ", queueCapacity="
                + queueCapacity + ", connectionTimeout=" + connectionTimeout + "]";
    }
}
