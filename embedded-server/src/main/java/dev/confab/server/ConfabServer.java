package dev.confab.server;

import dev.confab.server.auth.AuthConfig;
import dev.confab.server.auth.Authenticator;
import dev.confab.server.auth.DefaultAuthenticator;
import dev.confab.server.bus.InProcessMessageBus;
import dev.confab.server.bus.MessageBus;
import dev.confab.server.store.DataDirectory;
import dev.confab.server.store.MessageStore;
import dev.confab.server.store.sqlite.SqliteMessageStore;
import dev.confab.server.store.sqlite.StoreConfig;
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
    private final List<AutoCloseable> owned = new ArrayList<>();

    private ConfabServer(ServerConfig config) {
        this.config = Objects.requireNonNull(config);
    }

    /**
     * Starts a server with its state in {@link ServerConfig#dataDir()}: the SQLite history and accounts
     * ({@code confab.db}) and the token signing key ({@code token.key}), created on first start. Returns once the
     * server listens; {@link RunningServer#close()} stops it and closes the database.
     *
     * @throws java.io.UncheckedIOException when the address cannot be bound or the data directory is unusable
     * @throws dev.confab.server.store.StoreException when the database cannot be opened
     */
    public static RunningServer start(ServerConfig config) {
        Clock clock = Clock.systemUTC();
        DataDirectory dataDir = DataDirectory.create(config.dataDir());
        SqliteMessageStore store = SqliteMessageStore.open(dataDir.database(), StoreConfig.defaults(), clock);
        try {
            AuthConfig auth = AuthConfig.defaults().withRegistrationAllowed(config.registration())
                    .withGuestsAllowed(config.guests());
            return builder(config).store(store).clock(clock).closeWithServer(store)
                    .authenticator(DefaultAuthenticator.create(store.accounts(), dataDir.signingKey(), auth, clock))
                    .start();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
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

    /** Closed by the server after it stops (resources the caller made only for this server). */
    public ConfabServer closeWithServer(AutoCloseable resource) {
        owned.add(Objects.requireNonNull(resource));
        return this;
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
        return RunningServer.start(config, store, authenticator, bus, clock, owned);
    }
}
