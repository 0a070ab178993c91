package dev.confab.client.host;

import dev.confab.server.ConfabServer;
import dev.confab.server.RunningServer;
import dev.confab.server.ServerConfig;
import dev.confab.server.ServerConfigBuilder;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts a room with the embedded Confab server: SQLite history and accounts in the app's data directory, guests
 * and registration allowed, listening on every interface and announced there (DNS-SD) so people on the network
 * find it and can join.
 */
public final class EmbeddedRoomHost implements RoomHost {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRoomHost.class);
    /** How many ports after the preferred one are tried before giving up. */
    static final int PORTS_TO_TRY = 20;

    private final String bindHost;
    private final UnaryOperator<ServerConfigBuilder> tweak;

    private EmbeddedRoomHost(String bindHost, UnaryOperator<ServerConfigBuilder> tweak) {
        this.bindHost = bindHost;
        this.tweak = tweak;
    }

    /** Hosts on every interface with the server's default limits, announced on the local network. */
    public static EmbeddedRoomHost create() {
        return new EmbeddedRoomHost("0.0.0.0", builder -> builder.announce(true));
    }

    /** For tests: bind where told, adjust limits; not announced unless {@code tweak} says so. */
    public static EmbeddedRoomHost create(String bindHost, UnaryOperator<ServerConfigBuilder> tweak) {
        return new EmbeddedRoomHost(bindHost, tweak);
    }

    @Override
    public Hosted start(String roomName, Path dataDir, int preferredPort) {
        return start(roomName, dataDir, preferredPort, false);
    }

    @Override
    public Hosted start(String roomName, Path dataDir, int preferredPort, boolean tls) {
        UncheckedIOException lastFailure = null;
        for (int port = preferredPort; port < preferredPort + PORTS_TO_TRY && port <= 65_535; port++) {
            try {
                return startOn(roomName, dataDir, port, tls);
            } catch (UncheckedIOException e) {
                LOG.info("Port {} is taken, trying the next one ({})", port, e.getMessage());
                lastFailure = e;
            }
        }
        throw lastFailure != null ? lastFailure : new UncheckedIOException(new java.io.IOException("no port to try"));
    }

    private Hosted startOn(String roomName, Path dataDir, int port, boolean tls) {
        String name = roomName.length() > 64 ? roomName.substring(0, 64) : roomName;
        ServerConfig config = tweak.apply(ServerConfig.builder().name(name).host(bindHost).port(port)
                .dataDir(dataDir).guests(true).registration(true).tlsSelfSigned(tls)).build();
        RunningServer server = ConfabServer.start(config);
        LOG.info("Hosting \"{}\" on {}", name, server.url());
        return new Hosted() {
            @Override
            public int port() {
                return server.port();
            }

            @Override
            public java.util.Optional<String> certificateFingerprint() {
                return server.certificateFingerprint();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
