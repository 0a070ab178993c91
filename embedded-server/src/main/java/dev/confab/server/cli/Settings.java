package dev.confab.server.cli;

import static dev.confab.server.ServerConfigBuilder.AUTH_TIMEOUT;
import static dev.confab.server.ServerConfigBuilder.HANDSHAKE_TIMEOUT;
import static dev.confab.server.ServerConfigBuilder.HEARTBEAT_TIMEOUT;
import static dev.confab.server.ServerConfigBuilder.HOUSEKEEPING_INTERVAL;
import static dev.confab.server.ServerConfigBuilder.PING_INTERVAL;
import static dev.confab.server.ServerConfigBuilder.SHUTDOWN_TIMEOUT;
import static dev.confab.server.ServerConfigBuilder.TOKEN_LIFETIME;

import dev.confab.protocol.Username;
import dev.confab.server.DurationText;
import dev.confab.server.SecurityConfig;
import dev.confab.server.ServerConfig;
import dev.confab.server.ServerConfigBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.ObjIntConsumer;
import java.util.stream.Collectors;

/** Every setting of the standalone server, in the order the help lists them. */
final class Settings {
    static final List<Setting> ALL = List.of(
            new Setting("--port", "PORT", "TCP port to listen on; 0 picks a free one.",
                    String.valueOf(ServerConfig.DEFAULT_PORT), integer(ServerConfigBuilder::port)),
            new Setting("--bind", "HOST", "Address to listen on; 0.0.0.0 is every interface.",
                    ServerConfig.DEFAULT_HOST, ServerConfigBuilder::host),
            new Setting("--data-dir", "DIR", "Directory for confab.db, token.key and backups/.",
                    "the user's data directory", (b, v) -> b.dataDir(Path.of(v))),
            new Setting("--name", "NAME", "Server name shown to clients.", ServerConfig.DEFAULT_NAME,
                    ServerConfigBuilder::name),
            new Setting("--guests", "", "Let people sign in with a nickname and no password.", "on",
                    bool(ServerConfigBuilder::guests)),
            new Setting("--registration", "", "Let people create accounts.", "on",
                    bool(ServerConfigBuilder::registration)),
            new Setting("--ban", "NAMES", "Comma-separated user names refused with 4403 when they sign in.", "none",
                    Settings::banned),
            new Setting("--max-frame-bytes", "BYTES", "Largest WebSocket frame; larger closes with 1009.",
                    String.valueOf(ServerConfigBuilder.MAX_FRAME_BYTES), integer(ServerConfigBuilder::maxFrameBytes)),
            new Setting("--max-message-bytes", "BYTES", "Largest message across continuation frames (1009).",
                    String.valueOf(ServerConfigBuilder.MAX_MESSAGE_BYTES),
                    integer(ServerConfigBuilder::maxMessageBytes)),
            new Setting("--max-content-chars", "N", "Longest message text, in characters (at most 4000).",
                    String.valueOf(ServerConfigBuilder.MAX_CONTENT_CHARS),
                    integer(ServerConfigBuilder::maxContentChars)),
            new Setting("--max-connections", "N", "Open connections on the whole server.",
                    String.valueOf(ServerConfigBuilder.MAX_CONNECTIONS), integer(ServerConfigBuilder::maxConnections)),
            new Setting("--max-connections-per-user", "N", "Connections of one user; more close with 4429.",
                    String.valueOf(ServerConfigBuilder.MAX_CONNECTIONS_PER_USER),
                    integer(ServerConfigBuilder::maxConnectionsPerUser)),
            new Setting("--max-rooms-per-connection", "N", "Rooms one connection may be in at once.",
                    String.valueOf(ServerConfigBuilder.MAX_ROOMS_PER_CONNECTION),
                    integer(ServerConfigBuilder::maxRoomsPerConnection)),
            new Setting("--frames-per-second", "N", "Steady rate of frames per connection.",
                    String.valueOf(ServerConfigBuilder.FRAMES_PER_SECOND),
                    integer(ServerConfigBuilder::framesPerSecond)),
            new Setting("--frame-burst", "N", "Frames a connection may send at once before the rate applies.",
                    String.valueOf(ServerConfigBuilder.FRAME_BURST), integer(ServerConfigBuilder::frameBurst)),
            new Setting("--rate-limit-strikes", "N", "Rate-limited frames tolerated before closing with 4029.",
                    String.valueOf(ServerConfigBuilder.RATE_LIMIT_STRIKES),
                    integer(ServerConfigBuilder::rateLimitStrikes)),
            new Setting("--joins-per-second", "N", "Steady rate of join_room and leave_room frames per connection.",
                    String.valueOf(ServerConfigBuilder.JOINS_PER_SECOND), integer(ServerConfigBuilder::joinsPerSecond)),
            new Setting("--join-burst", "N", "Joins and leaves a connection may send at once before that rate applies.",
                    String.valueOf(ServerConfigBuilder.JOIN_BURST), integer(ServerConfigBuilder::joinBurst)),
            new Setting("--max-login-attempts", "N", "Failed sign-ins per connection before closing with 4401.",
                    String.valueOf(ServerConfigBuilder.MAX_LOGIN_ATTEMPTS),
                    integer(ServerConfigBuilder::maxLoginAttempts)),
            new Setting("--max-queued-bytes", "BYTES", "Unsent output per connection before it is dropped (4008).",
                    String.valueOf(ServerConfigBuilder.MAX_QUEUED_BYTES), integer(ServerConfigBuilder::maxQueuedBytes)),
            new Setting("--replay-limit", "N", "Most messages a join with since replays (at most 500).",
                    String.valueOf(ServerConfigBuilder.REPLAY_LIMIT), integer(ServerConfigBuilder::replayLimit)),
            new Setting("--listen-backlog", "N", "Pending TCP connections queued by the kernel.",
                    String.valueOf(ServerConfigBuilder.LISTEN_BACKLOG), integer(ServerConfigBuilder::listenBacklog)),
            new Setting("--max-handshake-bytes", "BYTES", "Bytes a client may send before its upgrade completes.",
                    String.valueOf(ServerConfigBuilder.MAX_HANDSHAKE_BYTES),
                    integer(ServerConfigBuilder::maxHandshakeBytes)),
            new Setting("--worker-threads", "N", "Threads decoding frames; 0 is one per processor.",
                    String.valueOf(ServerConfigBuilder.WORKER_THREADS), integer(ServerConfigBuilder::workerThreads)),
            new Setting("--handshake-timeout", "DURATION", "Time to finish the WebSocket upgrade.",
                    HANDSHAKE_TIMEOUT, duration(ServerConfigBuilder::handshakeTimeout)),
            new Setting("--auth-timeout", "DURATION", "Time to sign in before closing with 4401.", AUTH_TIMEOUT,
                    duration(ServerConfigBuilder::authTimeout)),
            new Setting("--ping-interval", "DURATION", "How often each connection is pinged.", PING_INTERVAL,
                    duration(ServerConfigBuilder::pingInterval)),
            new Setting("--heartbeat-timeout", "DURATION", "Silence after which a connection closes with 4408.",
                    HEARTBEAT_TIMEOUT, duration(ServerConfigBuilder::heartbeatTimeout)),
            new Setting("--housekeeping-interval", "DURATION", "How often deadlines are checked.",
                    HOUSEKEEPING_INTERVAL, duration(ServerConfigBuilder::housekeepingInterval)),
            new Setting("--shutdown-timeout", "DURATION", "How long stopping waits for messages being stored.",
                    SHUTDOWN_TIMEOUT, duration(ServerConfigBuilder::shutdownTimeout)),
            new Setting("--token-lifetime", "DURATION", "How long a sign-in token is accepted (then 4401).",
                    TOKEN_LIFETIME, duration(ServerConfigBuilder::tokenLifetime)),
            new Setting("--backup-interval", "DURATION", "How often the database is backed up into backups/ while "
                    + "serving; off for never.", ServerConfigBuilder.BACKUP_INTERVAL, Settings::backupInterval),
            new Setting("--backups-kept", "N", "Scheduled backups kept in backups/; older ones are deleted.",
                    String.valueOf(ServerConfigBuilder.BACKUPS_KEPT), integer(ServerConfigBuilder::backupsKept)),
            new Setting("--store", "URL", "Shared store of several nodes: jdbc:postgresql://host:port/db "
                    + "(password in CONFAB_STORE_PASSWORD).", "embedded SQLite in --data-dir",
                    ServerConfigBuilder::store),
            new Setting("--store-user", "ROLE", "Database role for --store.", "from the URL",
                    ServerConfigBuilder::storeUser),
            new Setting("--bus", "URI", "Shared bus of several nodes: redis://host:port.", "in-process",
                    ServerConfigBuilder::bus),
            new Setting("--admin-port", "PORT", "Port of /metrics (Prometheus) and /health; off for none.",
                    String.valueOf(ServerConfig.Deployment.STANDALONE_ADMIN_PORT), Settings::adminPort),
            new Setting("--admin-bind", "HOST", "Address the admin port listens on.",
                    ServerConfig.Deployment.DEFAULT_ADMIN_HOST, ServerConfigBuilder::adminHost),
            new Setting("--tls-cert", "FILE", "PEM certificate chain for wss:// (with --tls-key).", "none",
                    (b, v) -> b.tlsCertificate(Path.of(v))),
            new Setting("--tls-key", "FILE", "PEM private key of --tls-cert.", "none",
                    (b, v) -> b.tlsPrivateKey(Path.of(v))),
            new Setting("--tls-keystore", "FILE", "PKCS#12 key store for wss:// (password in "
                    + "CONFAB_TLS_KEYSTORE_PASSWORD).", "none", (b, v) -> b.tlsKeyStore(Path.of(v))),
            new Setting("--tls-self-signed", "", "wss:// with a certificate made on first start (LAN hosts).", "off",
                    bool(ServerConfigBuilder::tlsSelfSigned)),
            new Setting("--allowed-origins", "ORIGINS", "Comma-separated browser origins that may connect.",
                    "none", Settings::allowedOrigins),
            new Setting("--max-connections-per-address", "N", "Open connections from one remote address.",
                    String.valueOf(SecurityConfig.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS),
                    integer(ServerConfigBuilder::maxConnectionsPerAddress)),
            new Setting("--cap-loopback", "", "Apply --max-connections-per-address to loopback too.", "off",
                    bool(ServerConfigBuilder::capLoopback)),
            new Setting("--announce", "", "Announce the server on the local network (DNS-SD over mDNS, "
                    + "_confab._tcp) so apps list it.", "on", bool(ServerConfigBuilder::announce)),
            new Setting("--announce-interfaces", "NAMES", "Comma-separated network interfaces to announce on.",
                    "every interface that is up and multicast-capable, not loopback, VPN or container bridge",
                    Settings::announceInterfaces),
            new Setting("--announce-recheck", "DURATION", "How often the interfaces to announce on are chosen again "
                    + "(new ones announced on, gone ones withdrawn); off for never.",
                    "30s", Settings::announceRecheck));

    /** Read only from the environment: a password on the command line would show in the process list. */
    static final String STORE_PASSWORD_VARIABLE = "CONFAB_STORE_PASSWORD";
    /** Read only from the environment, like the store password. */
    static final String TLS_KEYSTORE_PASSWORD_VARIABLE = "CONFAB_TLS_KEYSTORE_PASSWORD";

    private Settings() {
    }

    private static BiConsumer<ServerConfigBuilder, String> integer(ObjIntConsumer<ServerConfigBuilder> setter) {
        return (builder, text) -> {
            try {
                setter.accept(builder, Integer.parseInt(text.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a whole number: \"" + text + "\"", e);
            }
        };
    }

    private static void banned(ServerConfigBuilder builder, String names) {
        builder.banned(Arrays.stream(names.split(",")).map(String::strip).filter(name -> !name.isEmpty())
                .map(Username::of).collect(Collectors.toSet()));
    }

    private static void allowedOrigins(ServerConfigBuilder builder, String origins) {
        builder.allowedOrigins(Arrays.stream(origins.split(",")).map(String::strip)
                .filter(origin -> !origin.isEmpty()).collect(Collectors.toSet()));
    }

    private static void announceInterfaces(ServerConfigBuilder builder, String names) {
        builder.announceInterfaces(Arrays.stream(names.split(",")).map(String::strip)
                .filter(name -> !name.isEmpty()).toList());
    }

    private static void announceRecheck(ServerConfigBuilder builder, String text) {
        builder.announceRecheck(text.trim().equalsIgnoreCase("off") ? Duration.ZERO : DurationText.parse(text));
    }

    private static void adminPort(ServerConfigBuilder builder, String text) {
        if (text.trim().equalsIgnoreCase("off")) {
            builder.adminPort(ServerConfig.Deployment.ADMIN_OFF);
            return;
        }
        integer(ServerConfigBuilder::adminPort).accept(builder, text);
    }

    private static void backupInterval(ServerConfigBuilder builder, String text) {
        builder.backupInterval(text.trim().equalsIgnoreCase("off") ? Duration.ZERO : DurationText.parse(text));
    }

    private static BiConsumer<ServerConfigBuilder, String> duration(BiConsumer<ServerConfigBuilder, Duration> setter) {
        return (builder, text) -> setter.accept(builder, DurationText.parse(text));
    }

    private static BiConsumer<ServerConfigBuilder, String> bool(BiConsumer<ServerConfigBuilder, Boolean> setter) {
        return (builder, text) -> setter.accept(builder, switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "1" -> true;
            case "false", "off", "no", "0" -> false;
            default -> throw new IllegalArgumentException("not on or off: \"" + text + "\"");
        });
    }
}
