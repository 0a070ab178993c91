package dev.confab.server.bus.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * How a node uses Redis.
 *
 * @param uri            e.g. {@code redis://host:6379} (a password in it is never logged)
 * @param commandTimeout how long a Redis command may take before it counts as failed
 * @param gapGrace       how long a hole in a room's seqs may wait for the missing message to arrive before it is
 *                       read from the store (events of one room published by two nodes may cross)
 * @param pollInterval   how often each listened room's newest seq is compared with the store, which finds the
 *                       messages lost at the end of a burst (no later message shows the hole)
 * @param presenceTtl    how long this node's presence stays in Redis without a heartbeat; a crashed node's users
 *                       leave the others' presence after at most about this long
 * @param heartbeat      how often this node refreshes its presence (well below the ttl)
 * @param maxHeld        messages a room holds behind a hole before giving it up
 * @param subscribeRetryMax the longest wait between two attempts to subscribe to a room whose SUBSCRIBE failed
 *                       (Redis was away when the room was joined); the waits start at 100 ms (or this, if shorter)
 *                       and double up to it, until the subscription succeeds or the room is left
 */
public record RedisBusConfig(String uri, Duration commandTimeout, Duration gapGrace, Duration pollInterval,
                             Duration presenceTtl, Duration heartbeat, int maxHeld, Duration subscribeRetryMax) {
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_GAP_GRACE = Duration.ofMillis(100);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
    public static final Duration DEFAULT_PRESENCE_TTL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_HELD = 10_000;
    public static final Duration DEFAULT_SUBSCRIBE_RETRY_MAX = Duration.ofSeconds(5);

    public RedisBusConfig {
        Objects.requireNonNull(uri, "uri");
        if (!uri.startsWith("redis://") && !uri.startsWith("rediss://")) {
            throw new IllegalArgumentException("a Redis bus URI starts with redis:// or rediss://");
        }
        positive("commandTimeout", commandTimeout);
        positive("gapGrace", gapGrace);
        positive("pollInterval", pollInterval);
        positive("presenceTtl", presenceTtl);
        positive("heartbeat", heartbeat);
        positive("subscribeRetryMax", subscribeRetryMax);
        if (heartbeat.compareTo(presenceTtl) >= 0) {
            throw new IllegalArgumentException("the presence heartbeat must be shorter than the presence ttl");
        }
        if (presenceTtl.toMillis() < 1_000) {
            throw new IllegalArgumentException("the presence ttl must be at least 1 s");
        }
        if (maxHeld < 1) {
            throw new IllegalArgumentException("maxHeld must be at least 1");
        }
    }

    public static RedisBusConfig of(String uri) {
        return new RedisBusConfig(uri, DEFAULT_COMMAND_TIMEOUT, DEFAULT_GAP_GRACE, DEFAULT_POLL_INTERVAL,
                DEFAULT_PRESENCE_TTL, DEFAULT_HEARTBEAT, DEFAULT_MAX_HELD, DEFAULT_SUBSCRIBE_RETRY_MAX);
    }

    public RedisBusConfig withPresence(Duration ttl, Duration beat) {
        return new RedisBusConfig(uri, commandTimeout, gapGrace, pollInterval, ttl, beat, maxHeld, subscribeRetryMax);
    }

    public RedisBusConfig withPollInterval(Duration value) {
        return new RedisBusConfig(uri, commandTimeout, gapGrace, value, presenceTtl, heartbeat, maxHeld,
                subscribeRetryMax);
    }

    public RedisBusConfig withSubscribeRetryMax(Duration value) {
        return new RedisBusConfig(uri, commandTimeout, gapGrace, pollInterval, presenceTtl, heartbeat, maxHeld, value);
    }

    /** The URI without a password, for logs. */
    public String safeUri() {
        int at = uri.lastIndexOf('@');
        int scheme = uri.indexOf("://") + 3;
        return at < 0 ? uri : uri.substring(0, scheme) + "…@" + uri.substring(at + 1);
    }

    @Override
    public String toString() {
        return "RedisBusConfig[uri=" + safeUri() + ", gapGrace=" + gapGrace + ", pollInterval=" + pollInterval
                + ", presenceTtl=" + presenceTtl + "]";
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be longer than zero");
        }
    }
}
