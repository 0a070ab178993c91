package dev.confab.server;

import dev.confab.protocol.Username;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a server needs to start: where it listens, who may sign in, where its data lives, and every limit
 * it enforces. Values come from {@link #builder()} defaults, overridden by the environment and then by the
 * command line ({@code confab-server.jar}); the embedding app sets them in code. A config that exists is valid:
 * the constructor refuses impossible values with an {@link IllegalArgumentException} naming the setting.
 *
 * @param name shown to clients in {@code hello} and {@code connected}
 * @param host the address to bind, e.g. {@code 0.0.0.0} (every interface) or {@code 127.0.0.1}
 * @param port the TCP port; 0 picks a free one (see {@link RunningServer#port()})
 * @param dataDir holds {@code confab.db}, {@code token.key} and {@code backups/}
 * @param guests whether a nickname without a password may sign in
 * @param registration whether new accounts may be created
 * @param banned user names (compared without regard to case) that are closed with 4403 when they sign in
 * @param limits sizes, counts and rates
 * @param timeouts deadlines and intervals
 * @param deployment the shared store and bus of a node among several, and the admin endpoint
 * @param backups scheduled online backups of the embedded store
 * @param security TLS, allowed browser origins and the per-address connection cap
 * @param discovery whether and where the server announces itself on the local network
 */
public record ServerConfig(String name, String host, int port, Path dataDir, boolean guests, boolean registration,
                           Set<Username> banned, Limits limits, Timeouts timeouts, Deployment deployment,
                           Backups backups, SecurityConfig security, Discovery discovery) {
    public static final String DEFAULT_NAME = "Confab";
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 7480;

    public ServerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(backups, "backups");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(discovery, "discovery");
        banned = Set.copyOf(banned);
        if (deployment.sharedBus() && !deployment.sharedStore()) {
            throw new IllegalArgumentException("a shared bus needs a shared store: set store to the PostgreSQL URL "
                    + "every node uses (each node's own SQLite would count seqs on its own)");
        }
        if (name.isBlank() || name.length() > 64) {
            throw new IllegalArgumentException("name must be 1 to 64 characters");
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
    }

    /** True when this user may not use the server (closed with 4403). */
    public boolean isBanned(Username username) {
        // On every sign-in: a loop, not a stream with its lambda (the list is short, usually empty).
        for (Username name : banned) {
            if (name.sameAs(username)) {
                return true;
            }
        }
        return false;
    }

    /** A builder holding the defaults, for the embedding app and the tests. */
    public static ServerConfigBuilder builder() {
        return new ServerConfigBuilder();
    }

    /** A builder holding this config's values. */
    public ServerConfigBuilder toBuilder() {
        return new ServerConfigBuilder(this);
    }

    /**
     * Sizes, counts and rates.
     *
     * @param maxFrameBytes the largest WebSocket frame; larger closes with 1009
     * @param maxMessageBytes the largest message, counted across continuation frames; larger closes with 1009
     * @param maxContentChars the longest {@code content}, in code points (at most the protocol's 4000)
     * @param maxConnections open connections on the whole server; more are refused at the upgrade
     * @param maxConnectionsPerUser connections of one user; the next one is closed with 4429
     * @param maxRoomsPerConnection rooms one connection may join at once
     * @param framesPerSecond the steady rate of frames one connection may send (token bucket)
     * @param frameBurst how many frames a connection may send at once before the rate applies
     * @param rateLimitStrikes rejected frames tolerated (refilled at one per second) before closing with 4029
     * @param joinsPerSecond the steady rate of {@code join_room} and {@code leave_room} frames of one connection,
     *                       together (a second token bucket within the frame rate; its own strikes, then 4029)
     * @param joinBurst how many joins and leaves a connection may send at once before that rate applies
     * @param maxLoginAttempts failed sign-in attempts on one connection before closing with 4401
     * @param maxQueuedBytes unsent bytes a connection may have queued before a broadcast drops it (4008)
     * @param replayLimit the most messages a {@code join_room} with {@code since} replays
     * @param listenBacklog pending TCP connections the kernel queues before the server accepts them
     * @param maxHandshakeBytes bytes a connection may send before its upgrade completes
     * @param workerThreads threads decoding frames (0 = one per processor)
     */
    public record Limits(int maxFrameBytes, int maxMessageBytes, int maxContentChars, int maxConnections,
                         int maxConnectionsPerUser, int maxRoomsPerConnection, int framesPerSecond,
                         int frameBurst, int rateLimitStrikes, int joinsPerSecond, int joinBurst,
                         int maxLoginAttempts, int maxQueuedBytes, int replayLimit, int listenBacklog,
                         int maxHandshakeBytes, int workerThreads) {
        public Limits {
            atLeast("maxFrameBytes", maxFrameBytes, 1024);
            atLeast("maxMessageBytes", maxMessageBytes, maxFrameBytes);
            between("maxContentChars", maxContentChars, 1, dev.confab.protocol.MessageContent.MAX_CODE_POINTS);
            atLeast("maxConnections", maxConnections, 1);
            atLeast("maxConnectionsPerUser", maxConnectionsPerUser, 1);
            atLeast("maxRoomsPerConnection", maxRoomsPerConnection, 1);
            atLeast("framesPerSecond", framesPerSecond, 1);
            atLeast("frameBurst", frameBurst, 1);
            atLeast("rateLimitStrikes", rateLimitStrikes, 1);
            atLeast("joinsPerSecond", joinsPerSecond, 1);
            atLeast("joinBurst", joinBurst, 1);
            atLeast("maxLoginAttempts", maxLoginAttempts, 1);
            atLeast("maxQueuedBytes", maxQueuedBytes, 1024);
            between("replayLimit", replayLimit, 1, 500);
            atLeast("listenBacklog", listenBacklog, 1);
            atLeast("maxHandshakeBytes", maxHandshakeBytes, 1024);
            between("workerThreads", workerThreads, 0, 256);
        }
    }

    /**
     * Deadlines and intervals.
     *
     * @param handshake a connection must finish its WebSocket upgrade within this
     * @param auth a connection without a token must sign in within this, else 4401
     * @param pingInterval how often the server pings each connection
     * @param heartbeat a connection silent this long (no frame, no pong) is closed with 4408
     * @param housekeeping how often deadlines are checked; bounds how late a timeout fires
     * @param shutdown how long a graceful close waits for stored messages to be delivered
     * @param tokenLifetime how long a token is accepted after it is issued; a connection it opened closes with 4401
     *                      then (an embedding app's own token policy, if it sets one, takes precedence)
     */
    public record Timeouts(Duration handshake, Duration auth, Duration pingInterval, Duration heartbeat,
                           Duration housekeeping, Duration shutdown, Duration tokenLifetime) {
        public Timeouts {
            positive("handshake", handshake);
            positive("auth", auth);
            positive("pingInterval", pingInterval);
            positive("heartbeat", heartbeat);
            positive("housekeeping", housekeeping);
            positive("shutdown", shutdown);
            positive("tokenLifetime", tokenLifetime);
            if (heartbeat.compareTo(pingInterval) <= 0) {
                throw new IllegalArgumentException("heartbeat timeout must be longer than the ping interval");
            }
        }
    }

    /**
     * Online backups of the embedded SQLite store ({@code VACUUM INTO}) into {@code dataDir/backups/}, taken while
     * the server serves. A node with a shared store takes none (back up PostgreSQL with its own tools).
     *
     * @param interval how often; {@link Duration#ZERO} for never. The first one is due one interval after the
     *                 newest backup already there (with none: after the interval or 10 minutes, if shorter)
     * @param keep     how many scheduled backups to keep; older {@code confab-*.db} files are deleted
     */
    public record Backups(Duration interval, int keep) {
        public Backups {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("backupInterval must not be negative");
            }
            if (!interval.isZero() && interval.toMillis() < 1) {
                throw new IllegalArgumentException("backupInterval must be at least 1 ms, or off");
            }
            atLeast("backupsKept", keep, 1);
        }

        public boolean enabled() {
            return !interval.isZero();
        }
    }

    /**
     * Where a node keeps its state when several share it, and its admin endpoint.
     *
     * @param storeUrl     empty for the embedded SQLite store in {@code dataDir}; else a
     *                     {@code jdbc:postgresql://host:port/database} URL of the shared store
     * @param storeUser    the database role (empty: from the URL)
     * @param storePassword its password (empty: from the URL or none); never shown by {@link #toString()}
     * @param busUri       empty for in-process fan-out; else a {@code redis://host:port} URI of the shared bus
     * @param adminPort    the port of the metrics and health endpoint; {@link #ADMIN_OFF} for none, 0 for any
     * @param adminHost    the address the admin endpoint binds (loopback unless a scraper elsewhere needs it)
     */
    public record Deployment(String storeUrl, String storeUser, String storePassword, String busUri, int adminPort,
                             String adminHost) {
        public static final int ADMIN_OFF = -1;
        public static final int STANDALONE_ADMIN_PORT = 7481;
        public static final String DEFAULT_ADMIN_HOST = "127.0.0.1";

        public Deployment {
            Objects.requireNonNull(storeUrl, "storeUrl");
            Objects.requireNonNull(storeUser, "storeUser");
            Objects.requireNonNull(storePassword, "storePassword");
            Objects.requireNonNull(busUri, "busUri");
            Objects.requireNonNull(adminHost, "adminHost");
            if (!storeUrl.isEmpty() && !storeUrl.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("store must be empty (embedded SQLite) or a jdbc:postgresql: URL");
            }
            if (!busUri.isEmpty() && !busUri.startsWith("redis://") && !busUri.startsWith("rediss://")) {
                throw new IllegalArgumentException("bus must be empty (in-process) or a redis:// URI");
            }
            if (adminPort < ADMIN_OFF || adminPort > 65_535) {
                throw new IllegalArgumentException("adminPort must be off or between 0 and 65535, was " + adminPort);
            }
            if (adminHost.isBlank()) {
                throw new IllegalArgumentException("adminHost must not be empty");
            }
        }

        /** One node: embedded SQLite, in-process fan-out, no admin endpoint. */
        public static Deployment embedded() {
            return new Deployment("", "", "", "", ADMIN_OFF, DEFAULT_ADMIN_HOST);
        }

        public boolean sharedStore() {
            return !storeUrl.isEmpty();
        }

        public boolean sharedBus() {
            return !busUri.isEmpty();
        }

        public boolean adminEnabled() {
            return adminPort != ADMIN_OFF;
        }

        @Override
        public String toString() {
            return "Deployment[storeUrl=" + withoutQuery(storeUrl) + ", storeUser=" + storeUser + ", busUri="
                    + (busUri.contains("@") ? "redis://…@" + busUri.substring(busUri.lastIndexOf('@') + 1) : busUri)
                    + ", adminPort=" + adminPort + ", adminHost=" + adminHost + "]";
        }

        private static String withoutQuery(String url) {
            int query = url.indexOf('?');
            return query < 0 ? url : url.substring(0, query) + "?…";
        }
    }

    /**
     * Announcing the server on the local network with DNS-SD over mDNS ({@code _confab._tcp}), so that apps list it
     * without anyone typing an address. See {@code docs/DISCOVERY.md}.
     *
     * @param announce   whether to announce; the standalone server and a hosting app do, embedded tests do not
     * @param interfaces names of the network interfaces to announce on; empty for every one that is up,
     *                   multicast-capable, not loopback and not a VPN or container interface
     * @param recheck    how often the interfaces are chosen again (new ones announced on, gone ones withdrawn);
     *                   {@link Duration#ZERO} for never
     */
    public record Discovery(boolean announce, List<String> interfaces, Duration recheck) {
        /** The default {@code recheck}. */
        public static final Duration DEFAULT_RECHECK = Duration.ofSeconds(30);

        public Discovery {
            interfaces = List.copyOf(interfaces);
            if (interfaces.stream().anyMatch(String::isBlank)) {
                throw new IllegalArgumentException("announce interface names must not be empty");
            }
            if (recheck.isNegative()) {
                throw new IllegalArgumentException("announce recheck must not be negative, was " + recheck);
            }
        }

        /** Not announced: the default of an embedded server. */
        public static Discovery off() {
            return new Discovery(false, List.of(), DEFAULT_RECHECK);
        }
    }

    private static void atLeast(String setting, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(setting + " must be at least " + min + ", was " + value);
        }
    }

    private static void between(String setting, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(setting + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    private static void positive(String setting, Duration value) {
        Objects.requireNonNull(value, setting);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(setting + " must be longer than zero, was " + value);
        }
    }
}
