package dev.confab.client;

import dev.confab.client.discovery.Finding;
import dev.confab.client.discovery.LanBrowser;
import dev.confab.client.discovery.NetworkCheck;
import dev.confab.client.host.LanAddresses;
import dev.confab.client.host.RoomHost;
import dev.confab.client.net.CertificatePins;
import dev.confab.client.net.ChatConnection;
import dev.confab.client.net.ConnectionConfig;
import dev.confab.client.net.ServerAddress;
import dev.confab.client.net.TrustPrompter;
import dev.confab.client.session.ChatSession;
import dev.confab.client.session.FileOutbox;
import dev.confab.client.session.SessionConfig;
import dev.confab.client.session.SessionEvent;
import dev.confab.client.settings.AppPaths;
import dev.confab.client.settings.PinStore;
import dev.confab.client.settings.ReadPositions;
import dev.confab.client.settings.Settings;
import dev.confab.client.settings.TokenStore;
import dev.confab.client.ui.UiDispatcher;
import dev.confab.client.viewmodel.Connector;
import dev.confab.client.viewmodel.HostedRoom;
import dev.confab.protocol.FrameCodec;
import dev.confab.protocol.RoomName;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds sessions and hosts rooms for the view models. Owns the background threads: one for session commands (in
 * order, off the FX thread), one for timers, one for starting the hosted server.
 */
public final class ClientRuntime implements Connector, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientRuntime.class);
    /** Read positions move with every message read; one write per second at most. */
    private static final Duration READ_POSITION_WRITE_DELAY = Duration.ofSeconds(1);

    private final AppPaths paths;
    private final Settings settings;
    private final TokenStore tokens;
    private final ReadPositions readPositions;
    private final RoomHost roomHost;
    private final String roomName;
    private final Clock clock;
    private final ConnectionConfig connectionConfig;
    /** Made on first use or by {@link #warmUp()}: building it loads Jackson, too slow for the first frame. */
    private @Nullable FrameCodec codec;
    private final LanBrowser lanBrowser;
    private final ExecutorService commands = Executors.newSingleThreadExecutor(daemon("confab-commands"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("confab-timers"));
    private final ExecutorService hosting = Executors.newSingleThreadExecutor(daemon("confab-host"));
    private RoomHost.@Nullable Hosted hosted;
    private final CertificatePins pins;
    private volatile TrustPrompter trustPrompter = TrustPrompter.REFUSE;

    private ClientRuntime(AppPaths paths, Settings settings, RoomHost roomHost, String roomName, Clock clock,
                          ConnectionConfig connectionConfig, LanBrowser lanBrowser) {
        this.paths = paths;
        this.settings = settings;
        this.tokens = TokenStore.create(paths.tokensFile());
        this.readPositions = ReadPositions.open(paths.readPositionsFile(), timers, READ_POSITION_WRITE_DELAY);
        this.roomHost = roomHost;
        this.roomName = roomName;
        this.clock = clock;
        this.connectionConfig = connectionConfig;
        this.pins = PinStore.create(paths.pinsFile());
        this.lanBrowser = lanBrowser;
    }

    /** Who decides about a {@code wss://} certificate nobody vouches for (the window's dialog). */
    public void trustPrompter(TrustPrompter value) {
        trustPrompter = value;
    }

    /** A runtime that does not look for servers on the network. */
    public static ClientRuntime create(AppPaths paths, Settings settings, RoomHost roomHost, String roomName,
                                       Clock clock, ConnectionConfig connectionConfig) {
        return create(paths, settings, roomHost, roomName, clock, connectionConfig, LanBrowser.none());
    }

    /** A runtime that finds servers on the network with {@code lanBrowser}. */
    public static ClientRuntime create(AppPaths paths, Settings settings, RoomHost roomHost, String roomName,
                                       Clock clock, ConnectionConfig connectionConfig, LanBrowser lanBrowser) {
        return new ClientRuntime(paths, settings, roomHost, roomName, clock, connectionConfig, lanBrowser);
    }

    /** Prepares, off the FX thread, what the first connection needs; call once the window is on screen. */
    public void warmUp() {
        commands.execute(this::codec);
    }

    private synchronized FrameCodec codec() {
        if (codec == null) {
            codec = FrameCodec.forClient();
        }
        return codec;
    }

    /** Runs session commands in order, off the FX thread. */
    public ExecutorService commands() {
        return commands;
    }

    @Override
    public CompletableFuture<HostedRoom> host(String owner) {
        String name = owner.isBlank() ? roomName : HostedRoom.serverName(owner);
        return CompletableFuture.supplyAsync(() -> {
            synchronized (this) {
                if (hosted == null) {
                    hosted = roomHost.start(name, paths.hostData(), settings.hostPort(), settings.hostTls());
                }
                int port = hosted.port();
                var fingerprint = hosted.certificateFingerprint();
                if (fingerprint.isEmpty()) {
                    return new HostedRoom(ServerAddress.of("127.0.0.1", port), LanAddresses.forPort(port));
                }
                // Our own server: its certificate is trusted without asking, and joiners are shown wss:// forms.
                ServerAddress local = ServerAddress.parse("wss://127.0.0.1:" + port).orElseThrow();
                pins.pin(local.host() + ":" + local.port(), fingerprint.get());
                LOG.info("Hosting with TLS; certificate SHA-256 {}", fingerprint.get());
                return new HostedRoom(local, LanAddresses.forPort(port).stream().map(a -> "wss://" + a).toList());
            }
        }, hosting);
    }

    @Override
    public ChatSession open(ServerAddress address, Consumer<List<SessionEvent>> target) {
        var saved = tokens.find(address);
        String key = address.display().replaceAll("[^A-Za-z0-9.-]", "_");
        List<RoomName> rooms = settings.rooms(address.display()).stream().flatMap(name -> {
            try {
                return java.util.stream.Stream.of(RoomName.of(name));
            } catch (RuntimeException e) {
                return java.util.stream.Stream.empty();
            }
        }).toList();
        UiDispatcher dispatcher = UiDispatcher.create(target);
        return ChatConnection.create(address, connectionConfig, codec(), clock, new SecureRandom(), connection -> {
            saved.ifPresent(s -> connection.token(s.token()));
            connection.trust(pins, trustPrompter);
            return ChatSession.create(connection, FileOutbox.open(paths.outbox(key)), tokens.sinkFor(address),
                    readPositions.forServer(address.display()), dispatcher, clock, SessionConfig.defaults(), timers,
                    saved.map(TokenStore.Saved::username).orElse(""), rooms);
        });
    }

    @Override
    public LanBrowser lanBrowser() {
        return lanBrowser;
    }

    @Override
    public List<Finding> checkNetwork(String browserProblem) {
        return NetworkCheck.create().run(browserProblem);
    }

    @Override
    public boolean hasToken(ServerAddress address) {
        return tokens.find(address).isPresent();
    }

    @Override
    public void shutdown() {
        RoomHost.Hosted running;
        synchronized (this) {
            running = hosted;
            hosted = null;
        }
        if (running != null) {
            LOG.info("Stopping the hosted room");
            running.close();
        }
    }

    @Override
    public void close() {
        shutdown();
        readPositions.flush();
        lanBrowser.close();
        commands.shutdown();
        timers.shutdownNow();
        hosting.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
