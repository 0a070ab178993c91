package dev.confab.server;

import dev.confab.server.auth.Authenticator;
import dev.confab.server.bus.InProcessMessageBus;
import dev.confab.server.bus.MessageBus;
import dev.confab.server.discovery.InterfaceChoice;
import dev.confab.server.discovery.LanAnnouncer;
import dev.confab.server.session.ChatObserver;
import dev.confab.server.store.MessageStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Starts a Confab chat server. The desktop app hosts a room with
 * <pre>{@code
 * try (RunningServer server = ConfabServer.start(config)) {
 *     connect to server.url() ...
 * }
 * }</pre>
 * and {@code confab-server.jar} does the same from its command line. {@link #builder(ServerConfig)} starts one
 * over other seams (a different store, authenticator, bus or clock).
 */
public final class ConfabServer {
    private final ServerConfig config;
    private @Nullable MessageStore store;
    private @Nullable Authenticator authenticator;
    private MessageBus bus = InProcessMessageBus.create();
    private Clock clock = Clock.systemUTC();
    private ChatObserver observer = ChatObserver.NONE;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private @Nullable LanAnnouncer announcer;

    private ConfabServer(ServerConfig config) {
        this.config = Objects.requireNonNull(config);
    }

    /**
     * Starts a server as its {@link ServerConfig#deployment()} says: by default with its state in
     * {@link ServerConfig#dataDir()} (the SQLite history and accounts in {@code confab.db}, the token signing key in
     * {@code token.key}, created on first start); with a shared store and bus, as one node of several. Returns once
     * the server listens; {@link RunningServer#close()} stops it and closes what it opened.
     *
     * @throws java.io.UncheckedIOException when the address cannot be bound or the data directory is unusable
     * @throws dev.confab.server.store.StoreException when the database cannot be opened
     */
    public static RunningServer start(ServerConfig config) {
        return start(config, NodeOptions.defaults());
    }

    /** Like {@link #start(ServerConfig)}, with a clock and adjusted authenticator, store and bus settings. */
    public static RunningServer start(ServerConfig config, NodeOptions options) {
        return NodeAssembly.start(config, options);
    }

    /** A builder for a server with this configuration. */
    public static ConfabServer builder(ServerConfig config) {
        return new ConfabServer(config);
    }

    /** The history and rooms; the caller keeps ownership and closes it after the server. */
    public ConfabServer store(MessageStore value) {
        store = Objects.requireNonNull(value);
        return this;
    }

    /** The sign-in rules; must honour the config's {@code guests} and {@code registration}. */
    public ConfabServer authenticator(Authenticator value) {
        authenticator = Objects.requireNonNull(value);
        return this;
    }

    /** The fan-out between connections; in-process unless several nodes share a broker. */
    public ConfabServer bus(MessageBus value) {
        bus = Objects.requireNonNull(value);
        return this;
    }

    /** The clock for timestamps, deadlines and rate limits. */
    public ConfabServer clock(Clock value) {
        clock = Objects.requireNonNull(value);
        return this;
    }

    /** Told about connections, errors and deliveries (for metrics). */
    public ConfabServer observer(ChatObserver value) {
        observer = Objects.requireNonNull(value);
        return this;
    }

    /** Closed by the server after it stops (resources the caller made only for this server). */
    public ConfabServer closeWithServer(AutoCloseable resource) {
        owned.add(Objects.requireNonNull(resource));
        return this;
    }

    /** A responder started early (it needs seconds to claim its name), used when the config says announce. */
    ConfabServer announcer(LanAnnouncer value) {
        announcer = Objects.requireNonNull(value);
        return this;
    }

    /** Starts the mDNS responders when the config asks for announcing; null when it does not. */
    static @Nullable LanAnnouncer prepareAnnouncer(ServerConfig config) {
        return config.discovery().announce()
                ? LanAnnouncer.prepare(InterfaceChoice.of(config.discovery().interfaces()),
                        config.discovery().recheck()) : null;
    }

    /**
     * Binds, starts serving and returns once the server listens.
     *
     * @throws IllegalStateException when no store or authenticator was given
     * @throws java.io.UncheckedIOException when the address cannot be bound
     */
    public RunningServer start() {
        if (store == null || authenticator == null) {
            throw new IllegalStateException("a server needs a message store and an authenticator");
        }
        LanAnnouncer responders = announcer != null ? announcer : prepareAnnouncer(config);
        return RunningServer.start(config, store, authenticator, bus, clock, owned, observer, responders);
    }
}
