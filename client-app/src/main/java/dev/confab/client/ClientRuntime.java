package dev.confab.client;

import dev.confab.client.discovery.Finding;
import dev.confab.client.discovery.LanBrowser;
import dev.confab.client.discovery.NetworkCheck;
import dev.confab.client.host.LanAddresses;
import dev.confab.client.host.RoomHost;
import dev.confab.client.net.ChatConnection;
import dev.confab.client.net.ConnectionConfig;
import dev.confab.client.net.ServerAddress;
import dev.confab.client.session.ChatSession;
import dev.confab.client.session.FileOutbox;
import dev.confab.client.session.SessionConfig;
import dev.confab.client.session.SessionEvent;
import dev.confab.client.settings.AppPaths;
import dev.confab.client.settings.Settings;
import dev.confab.client.settings.TokenStore;
import dev.confab.client.ui.UiDispatcher;
import dev.confab.client.viewmodel.Connector;
import dev.confab.client.viewmodel.HostedRoom;
import dev.confab.protocol.FrameCodec;
import dev.confab.protocol.RoomName;
import java.security.SecureRandom;
import java.time.Clock;
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

    private final AppPaths paths;
    private final Settings settings;
    private final TokenStore tokens;
    private final RoomHost roomHost;
    private final String roomName;
    private final Clock clock;
    private final ConnectionConfig connectionConfig;
    private final LanBrowser lanBrowser;
    private final FrameCodec codec = FrameCodec.forClient();
    private final ExecutorService commands = Executors.newSingleThreadExecutor(daemon("confab-commands"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("confab-timers"));
    private final ExecutorService hosting = Executors.newSingleThreadExecutor(daemon("confab-host"));
    private RoomHost.@Nullable Hosted hosted;

    private ClientRuntime(AppPaths paths, Settings settings, RoomHost roomHost, String roomName, Clock clock,
                          ConnectionConfig connectionConfig, LanBrowser lanBrowser) {
        this.paths = paths;
        this.settings = settings;
        this.tokens = TokenStore.create(paths.tokensFile());
        this.roomHost = roomHost;
        this.roomName = roomName;
        this.clock = clock;
        this.connectionConfig = connectionConfig;
        this.lanBrowser = lanBrowser;
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

    /** Runs session commands in order, off the FX thread. */
    public ExecutorService commands() {
        return commands;
    }

    @Override
    public CompletableFuture<HostedRoom> host(String owner) {
        String name = owner.isBlank() ? roomName : owner + "'s room";
        return CompletableFuture.supplyAsync(() -> {
            synchronized (this) {
                if (hosted == null) {
                    hosted = roomHost.start(name, paths.hostData(), settings.hostPort());
                }
                int port = hosted.port();
                return new HostedRoom(ServerAddress.of("127.0.0.1", port), LanAddresses.forPort(port));
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
        return ChatConnection.create(address, connectionConfig, codec, clock, new SecureRandom(), connection -> {
            saved.ifPresent(s -> connection.token(s.token()));
            return ChatSession.create(connection, FileOutbox.open(paths.outbox(key)), tokens.sinkFor(address),
                    dispatcher, clock, SessionConfig.defaults(), timers,
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
