package dev.confab.server;

import dev.confab.protocol.Username;

import dev.confab.server.store.DataDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link ServerConfig}, starting from the defaults below. The constants are the documented defaults;
 * the command line shows the same ones.
 */
public final class ServerConfigBuilder {
    public static final int MAX_FRAME_BYTES = 64 * 1024;
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;
    public static final int MAX_CONTENT_CHARS = 4000;
    public static final int MAX_CONNECTIONS = 10_000;
    public static final int MAX_CONNECTIONS_PER_USER = 5;
    public static final int MAX_ROOMS_PER_CONNECTION = 128;
    public static final int FRAMES_PER_SECOND = 20;
    public static final int FRAME_BURST = 40;
    public static final int RATE_LIMIT_STRIKES = 20;
    /** Joins and leaves: people click through rooms, a reconnect rejoins up to a burst's worth at once. */
    public static final int JOINS_PER_SECOND = 2;
    public static final int JOIN_BURST = 40;
    public static final int MAX_LOGIN_ATTEMPTS = 5;
    public static final int MAX_QUEUED_BYTES = 1024 * 1024;
    public static final int REPLAY_LIMIT = 500;
    public static final int LISTEN_BACKLOG = 1024;
    public static final int MAX_HANDSHAKE_BYTES = 16 * 1024;
    public static final int WORKER_THREADS = 0;
    public static final String HANDSHAKE_TIMEOUT = "10s";
    public static final String AUTH_TIMEOUT = "10s";
    public static final String PING_INTERVAL = "25s";
    // 55 s of silence, checked every second, plus the 2 s grace of the close: a dead peer is gone within 60 s.
    public static final String HEARTBEAT_TIMEOUT = "55s";
    public static final String HOUSEKEEPING_INTERVAL = "1s";
    public static final String SHUTDOWN_TIMEOUT = "5s";
    /** How long a sign-in lasts: a token is accepted, and a connection it opened stays, this long (30 days). */
    public static final String TOKEN_LIFETIME = "720h";
    /** A standalone server backs itself up daily and keeps a week of backups. */
    public static final String BACKUP_INTERVAL = "24h";
    public static final int BACKUPS_KEPT = 7;

    private String name = ServerConfig.DEFAULT_NAME;
    private String host = ServerConfig.DEFAULT_HOST;
    private int port = ServerConfig.DEFAULT_PORT;
    private Path dataDir = DataDirectory.defaultLocation(System.getProperty("os.name", ""), System.getenv(),
            Path.of(System.getProperty("user.home")));
    private boolean guests = true;
    private boolean registration = true;
    private Set<Username> banned = Set.of();
    private int maxFrameBytes = MAX_FRAME_BYTES;
    private int maxMessageBytes = MAX_MESSAGE_BYTES;
    private int maxContentChars = MAX_CONTENT_CHARS;
    private int maxConnections = MAX_CONNECTIONS;
    private int maxConnectionsPerUser = MAX_CONNECTIONS_PER_USER;
    private int maxRoomsPerConnection = MAX_ROOMS_PER_CONNECTION;
    private int framesPerSecond = FRAMES_PER_SECOND;
    private int frameBurst = FRAME_BURST;
    private int rateLimitStrikes = RATE_LIMIT_STRIKES;
    private int joinsPerSecond = JOINS_PER_SECOND;
    private int joinBurst = JOIN_BURST;
    private int maxLoginAttempts = MAX_LOGIN_ATTEMPTS;
    private int maxQueuedBytes = MAX_QUEUED_BYTES;
    private int replayLimit = REPLAY_LIMIT;
    private int listenBacklog = LISTEN_BACKLOG;
    private int maxHandshakeBytes = MAX_HANDSHAKE_BYTES;
    private int workerThreads = WORKER_THREADS;
    private Duration handshakeTimeout = DurationText.parse(HANDSHAKE_TIMEOUT);
    private Duration authTimeout = DurationText.parse(AUTH_TIMEOUT);
    private Duration pingInterval = DurationText.parse(PING_INTERVAL);
    private Duration heartbeatTimeout = DurationText.parse(HEARTBEAT_TIMEOUT);
    private Duration housekeepingInterval = DurationText.parse(HOUSEKEEPING_INTERVAL);
    private Duration shutdownTimeout = DurationText.parse(SHUTDOWN_TIMEOUT);
    private Duration tokenLifetime = DurationText.parse(TOKEN_LIFETIME);
    private ServerConfig.Deployment deployment = ServerConfig.Deployment.embedded();
    private Duration backupInterval = DurationText.parse(BACKUP_INTERVAL);
    private int backupsKept = BACKUPS_KEPT;
    private SecurityConfig security = SecurityConfig.defaults();
    /** The command line's TLS parts; {@link #build()} turns them into one {@link SecurityConfig.Tls}. */
    private @Nullable Path tlsCertificate;
    private @Nullable Path tlsPrivateKey;
    private @Nullable Path tlsKeyStore;
    private String tlsKeyStorePassword = "";
    private boolean tlsSelfSigned;
    private ServerConfig.Discovery discovery = ServerConfig.Discovery.off();

    ServerConfigBuilder() {
    }

    ServerConfigBuilder(ServerConfig c) {
        name = c.name();
        host = c.host();
        port = c.port();
        dataDir = c.dataDir();
        guests = c.guests();
        registration = c.registration();
        banned = c.banned();
        ServerConfig.Limits l = c.limits();
        maxFrameBytes = l.maxFrameBytes();
        maxMessageBytes = l.maxMessageBytes();
        maxContentChars = l.maxContentChars();
        maxConnections = l.maxConnections();
        maxConnectionsPerUser = l.maxConnectionsPerUser();
        maxRoomsPerConnection = l.maxRoomsPerConnection();
        framesPerSecond = l.framesPerSecond();
        frameBurst = l.frameBurst();
        rateLimitStrikes = l.rateLimitStrikes();
        joinsPerSecond = l.joinsPerSecond();
        joinBurst = l.joinBurst();
        maxLoginAttempts = l.maxLoginAttempts();
        maxQueuedBytes = l.maxQueuedBytes();
        replayLimit = l.replayLimit();
        listenBacklog = l.listenBacklog();
        maxHandshakeBytes = l.maxHandshakeBytes();
        workerThreads = l.workerThreads();
        ServerConfig.Timeouts t = c.timeouts();
        handshakeTimeout = t.handshake();
        authTimeout = t.auth();
        pingInterval = t.pingInterval();
        heartbeatTimeout = t.heartbeat();
        housekeepingInterval = t.housekeeping();
        shutdownTimeout = t.shutdown();
        tokenLifetime = t.tokenLifetime();
        deployment = c.deployment();
        backupInterval = c.backups().interval();
        backupsKept = c.backups().keep();
        security = c.security();
        discovery = c.discovery();
    }

    /** Validates and builds; throws {@link IllegalArgumentException} naming the first bad setting. */
    public ServerConfig build() {
        SecurityConfig securityConfig = new SecurityConfig(tlsParts().orElse(security.tls()),
                security.allowedOrigins(), security.maxConnectionsPerAddress(), security.capLoopback());
        return new ServerConfig(name, host, port, dataDir, guests, registration, banned,
                new ServerConfig.Limits(maxFrameBytes, maxMessageBytes, maxContentChars, maxConnections,
                        maxConnectionsPerUser, maxRoomsPerConnection, framesPerSecond, frameBurst, rateLimitStrikes,
                        joinsPerSecond, joinBurst, maxLoginAttempts, maxQueuedBytes, replayLimit, listenBacklog,
                        maxHandshakeBytes, workerThreads),
                new ServerConfig.Timeouts(handshakeTimeout, authTimeout, pingInterval, heartbeatTimeout,
                        housekeepingInterval, shutdownTimeout, tokenLifetime), deployment,
                new ServerConfig.Backups(backupInterval, backupsKept), securityConfig, discovery);
    }

    public ServerConfigBuilder name(String value) {
        name = Objects.requireNonNull(value);
        return this;
    }

    public ServerConfigBuilder host(String value) {
        host = Objects.requireNonNull(value);
        return this;
    }

    public ServerConfigBuilder port(int value) {
        port = value;
        return this;
    }

    public ServerConfigBuilder dataDir(Path value) {
        dataDir = Objects.requireNonNull(value);
        return this;
    }

    public ServerConfigBuilder guests(boolean value) {
        guests = value;
        return this;
    }

    /** Users closed with 4403 when they sign in; a comma-separated list on the command line. */
    public ServerConfigBuilder banned(Set<Username> value) {
        banned = Set.copyOf(value);
        return this;
    }

    public ServerConfigBuilder registration(boolean value) {
        registration = value;
        return this;
    }

    public ServerConfigBuilder maxFrameBytes(int value) {
        maxFrameBytes = value;
        return this;
    }

    public ServerConfigBuilder maxMessageBytes(int value) {
        maxMessageBytes = value;
        return this;
    }

    public ServerConfigBuilder maxContentChars(int value) {
        maxContentChars = value;
        return this;
    }

    public ServerConfigBuilder maxConnections(int value) {
        maxConnections = value;
        return this;
    }

    public ServerConfigBuilder maxConnectionsPerUser(int value) {
        maxConnectionsPerUser = value;
        return this;
    }

    public ServerConfigBuilder maxRoomsPerConnection(int value) {
        maxRoomsPerConnection = value;
        return this;
    }

    public ServerConfigBuilder framesPerSecond(int value) {
        framesPerSecond = value;
        return this;
    }

    public ServerConfigBuilder frameBurst(int value) {
        frameBurst = value;
        return this;
    }

    /** {@code join_room} and {@code leave_room} frames one connection may send per second, together. */
    public ServerConfigBuilder joinsPerSecond(int value) {
        joinsPerSecond = value;
        return this;
    }

    /** Joins and leaves a connection may send at once before {@link #joinsPerSecond} applies. */
    public ServerConfigBuilder joinBurst(int value) {
        joinBurst = value;
        return this;
    }

    public ServerConfigBuilder rateLimitStrikes(int value) {
        rateLimitStrikes = value;
        return this;
    }

    public ServerConfigBuilder maxLoginAttempts(int value) {
        maxLoginAttempts = value;
        return this;
    }

    public ServerConfigBuilder maxQueuedBytes(int value) {
        maxQueuedBytes = value;
        return this;
    }

    public ServerConfigBuilder replayLimit(int value) {
        replayLimit = value;
        return this;
    }

    public ServerConfigBuilder listenBacklog(int value) {
        listenBacklog = value;
        return this;
    }

    public ServerConfigBuilder maxHandshakeBytes(int value) {
        maxHandshakeBytes = value;
        return this;
    }

    public ServerConfigBuilder workerThreads(int value) {
        workerThreads = value;
        return this;
    }

    public ServerConfigBuilder handshakeTimeout(Duration value) {
        handshakeTimeout = Objects.requireNonNull(value);
        return this;
    }

    public ServerConfigBuilder authTimeout(Duration value) {
        authTimeout = Objects.requireNonNull(value);
        return this;
    }

    public ServerConfigBuilder pingInterval(Duration value) {
        pingInterval = Objects.requireNonNull(value);
        return this;
    }

    public ServerConfigBuilder heartbeatTimeout(Duration value) {
        heartbeatTimeout = Objects.requireNonNull(value);
        return this;
    }

    public ServerConfigBuilder housekeepingInterval(Duration value) {
        housekeepingInterval = Objects.requireNonNull(value);
        return this;
    }

    public ServerConfigBuilder shutdownTimeout(Duration value) {
        shutdownTimeout = Objects.requireNonNull(value);
        return this;
    }

    public ServerConfigBuilder tokenLifetime(Duration value) {
        tokenLifetime = Objects.requireNonNull(value);
        return this;
    }

    /** The shared store, the shared bus and the admin endpoint (one node, no admin endpoint by default). */
    public ServerConfigBuilder deployment(ServerConfig.Deployment value) {
        deployment = Objects.requireNonNull(value);
        return this;
    }

    /** The store: empty for embedded SQLite, or a {@code jdbc:postgresql:} URL. */
    public ServerConfigBuilder store(String url) {
        ServerConfig.Deployment d = deployment;
        deployment = new ServerConfig.Deployment(url.trim(), d.storeUser(), d.storePassword(), d.busUri(),
                d.adminPort(), d.adminHost());
        return this;
    }

    public ServerConfigBuilder storeUser(String value) {
        ServerConfig.Deployment d = deployment;
        deployment = new ServerConfig.Deployment(d.storeUrl(), value, d.storePassword(), d.busUri(), d.adminPort(),
                d.adminHost());
        return this;
    }

    public ServerConfigBuilder storePassword(String value) {
        ServerConfig.Deployment d = deployment;
        deployment = new ServerConfig.Deployment(d.storeUrl(), d.storeUser(), value, d.busUri(), d.adminPort(),
                d.adminHost());
        return this;
    }

    /** The bus: empty for in-process fan-out, or a {@code redis://} URI. */
    public ServerConfigBuilder bus(String uri) {
        ServerConfig.Deployment d = deployment;
        deployment = new ServerConfig.Deployment(d.storeUrl(), d.storeUser(), d.storePassword(), uri.trim(),
                d.adminPort(), d.adminHost());
        return this;
    }

    /** The admin (metrics and health) port; {@link ServerConfig.Deployment#ADMIN_OFF} for none. */
    public ServerConfigBuilder adminPort(int value) {
        ServerConfig.Deployment d = deployment;
        deployment = new ServerConfig.Deployment(d.storeUrl(), d.storeUser(), d.storePassword(), d.busUri(), value,
                d.adminHost());
        return this;
    }

    public ServerConfigBuilder adminHost(String value) {
        ServerConfig.Deployment d = deployment;
        deployment = new ServerConfig.Deployment(d.storeUrl(), d.storeUser(), d.storePassword(), d.busUri(),
                d.adminPort(), value);
        return this;
    }

    /** How often the embedded store is backed up into {@code backups/}; {@link Duration#ZERO} for never. */
    public ServerConfigBuilder backupInterval(Duration value) {
        backupInterval = Objects.requireNonNull(value);
        return this;
    }

    /** How many scheduled backups are kept. */
    public ServerConfigBuilder backupsKept(int value) {
        backupsKept = value;
        return this;
    }

    /** TLS, browser origins and the per-address cap in one go. */
    public ServerConfigBuilder security(SecurityConfig value) {
        security = Objects.requireNonNull(value);
        return this;
    }

    /** How connections are encrypted: {@link SecurityConfig.Tls.Off} (plain {@code ws://}) by default. */
    public ServerConfigBuilder tls(SecurityConfig.Tls value) {
        SecurityConfig s = security;
        security = new SecurityConfig(value, s.allowedOrigins(), s.maxConnectionsPerAddress(), s.capLoopback());
        return this;
    }

    /** Browser origins whose pages may connect (none by default; connections without an Origin header pass). */
    public ServerConfigBuilder allowedOrigins(Set<String> value) {
        SecurityConfig s = security;
        security = new SecurityConfig(s.tls(), value, s.maxConnectionsPerAddress(), s.capLoopback());
        return this;
    }

    public ServerConfigBuilder maxConnectionsPerAddress(int value) {
        SecurityConfig s = security;
        security = new SecurityConfig(s.tls(), s.allowedOrigins(), value, s.capLoopback());
        return this;
    }

    /** Whether the per-address cap counts loopback connections too. */
    public ServerConfigBuilder capLoopback(boolean value) {
        SecurityConfig s = security;
        security = new SecurityConfig(s.tls(), s.allowedOrigins(), s.maxConnectionsPerAddress(), value);
        return this;
    }

    /** A PEM certificate chain; needs {@link #tlsPrivateKey(Path)}. */
    public ServerConfigBuilder tlsCertificate(Path value) {
        tlsCertificate = Objects.requireNonNull(value);
        return this;
    }

    public ServerConfigBuilder tlsPrivateKey(Path value) {
        tlsPrivateKey = Objects.requireNonNull(value);
        return this;
    }

    /** A PKCS#12 key store instead of PEM files. */
    public ServerConfigBuilder tlsKeyStore(Path value) {
        tlsKeyStore = Objects.requireNonNull(value);
        return this;
    }

    public ServerConfigBuilder tlsKeyStorePassword(String value) {
        tlsKeyStorePassword = Objects.requireNonNull(value);
        return this;
    }

    /** A certificate made on first start and kept in the data directory. */
    public ServerConfigBuilder tlsSelfSigned(boolean value) {
        tlsSelfSigned = value;
        return this;
    }

    private java.util.Optional<SecurityConfig.Tls> tlsParts() {
        int ways = (tlsCertificate != null || tlsPrivateKey != null ? 1 : 0) + (tlsKeyStore != null ? 1 : 0)
                + (tlsSelfSigned ? 1 : 0);
        if (ways > 1) {
            throw new IllegalArgumentException("choose one of tls-cert with tls-key, tls-keystore or "
                    + "tls-self-signed");
        }
        if (tlsCertificate != null || tlsPrivateKey != null) {
            if (tlsCertificate == null || tlsPrivateKey == null) {
                throw new IllegalArgumentException("tls-cert and tls-key go together");
            }
            return java.util.Optional.of(new SecurityConfig.Tls.PemFiles(tlsCertificate, tlsPrivateKey));
        }
        if (tlsKeyStore != null) {
            return java.util.Optional.of(new SecurityConfig.Tls.KeyStoreFile(tlsKeyStore, tlsKeyStorePassword));
        }
        return tlsSelfSigned ? java.util.Optional.of(new SecurityConfig.Tls.SelfSigned()) : java.util.Optional.empty();
    }
    /** Whether to announce the server on the local network (off unless asked for). */
    public ServerConfigBuilder announce(boolean value) {
        discovery = new ServerConfig.Discovery(value, discovery.interfaces(), discovery.recheck());
        return this;
    }

    /** The network interfaces to announce on, by name; empty for every suitable one. */
    public ServerConfigBuilder announceInterfaces(List<String> names) {
        discovery = new ServerConfig.Discovery(discovery.announce(), names, discovery.recheck());
        return this;
    }

    /** How often the interfaces to announce on are chosen again; {@link java.time.Duration#ZERO} for never. */
    public ServerConfigBuilder announceRecheck(java.time.Duration every) {
        discovery = new ServerConfig.Discovery(discovery.announce(), discovery.interfaces(), every);
        return this;
    }
}
