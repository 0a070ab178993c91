package dev.confab.server;

import dev.confab.server.admin.AdminEndpoint;
import dev.confab.server.admin.MeteredMessageStore;
import dev.confab.server.admin.ServerMetrics;
import dev.confab.server.auth.AuthConfig;
import dev.confab.server.auth.TokenPolicy;
import dev.confab.server.auth.DefaultAuthenticator;
import dev.confab.server.auth.LoginThrottle;
import dev.confab.server.auth.PasswordHasher;
import dev.confab.server.auth.SigningKeyFile;
import dev.confab.server.auth.TokenService;
import dev.confab.server.bus.InProcessMessageBus;
import dev.confab.server.bus.MessageBus;
import dev.confab.server.bus.StoreGapSource;
import dev.confab.server.bus.redis.RedisBusConfig;
import dev.confab.server.bus.redis.RedisMessageBus;
import dev.confab.server.discovery.LanAnnouncer;
import dev.confab.server.net.MonotonicClock;
import dev.confab.server.store.AccountStore;
import dev.confab.server.store.DataDirectory;
import dev.confab.server.store.MessageStore;
import dev.confab.server.store.postgres.PostgresConfig;
import dev.confab.server.store.postgres.PostgresMessageStore;
import dev.confab.server.store.sqlite.BackupSchedule;
import dev.confab.server.store.sqlite.SqliteMessageStore;
import dev.confab.server.store.sqlite.StoreConfig;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.ToIntFunction;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a node from its {@link ServerConfig.Deployment}: the store (embedded SQLite in the data directory, or the
 * shared PostgreSQL with its shared signing key), the bus (in-process, or Redis healed from the store) and the
 * authenticator over them; then starts it.
 */
final class NodeAssembly {
    private static final Logger LOG = LoggerFactory.getLogger(NodeAssembly.class);

    private NodeAssembly() {
    }

    static RunningServer start(ServerConfig config, NodeOptions options) {
        ServerConfig.Deployment deployment = config.deployment();
        List<AutoCloseable> opened = new ArrayList<>();
        // First, so that the mDNS responders claim their names while the store opens.
        LanAnnouncer announcer = ConfabServer.prepareAnnouncer(config);
        if (announcer != null) {
            opened.add(announcer);
        }
        try {
            Storage storage = deployment.sharedStore() ? postgres(deployment, options, opened)
                    : sqlite(config, options, opened);
            MessageBus bus = deployment.sharedBus() ? redis(deployment, options, storage)
                    : InProcessMessageBus.create();
            if (deployment.sharedBus()) {
                LOG.info("Sharing rooms with other nodes through Redis");
            }
            AuthConfig auth = options.auth().apply(AuthConfig.defaults().withRegistrationAllowed(config.registration())
                    .withGuestsAllowed(config.guests())
                    .withTokens(TokenPolicy.defaults().withTtl(config.timeouts().tokenLifetime())));
            // Lockout windows are intervals: on the wall clock, a step of the system's time (this VM's once jumped
            // 12 s) would end a lockout early or hold it too long. Token expiry stays on the wall clock.
            DefaultAuthenticator authenticator = DefaultAuthenticator.create(storage.accounts(),
                    PasswordHasher.create(auth.passwords()), TokenService.create(storage.signingKey(), auth.tokens(),
                            options.clock()), LoginThrottle.create(auth.throttle(), MonotonicClock.start()), auth);
            AtomicReference<RunningServer> running = new AtomicReference<>();
            MessageStore store = storage.messages();
            ConfabServer builder = ConfabServer.builder(config).bus(bus).clock(options.clock())
                    .authenticator(authenticator);
            if (announcer != null) {
                builder.announcer(announcer);
            }
            if (deployment.adminEnabled()) {
                ServerMetrics metrics = ServerMetrics.create(() -> sample(running, RunningServer::connectionCount),
                        () -> sample(running, RunningServer::memberCount), () -> storage.messages().rooms().size());
                store = MeteredMessageStore.wrap(store, metrics);
                Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
                checks.put("store", storage.healthy());
                checks.put("bus", bus::healthy);
                checks.put("server", () -> running.get() != null);
                opened.add(AdminEndpoint.start(deployment.adminHost(), deployment.adminPort(), metrics, checks));
                builder.observer(metrics);
            }
            builder.store(store);
            opened.forEach(builder::closeWithServer);
            opened.add(bus);
            RunningServer server = builder.start();
            running.set(server);
            return server;
        } catch (RuntimeException e) {
            for (AutoCloseable resource : opened.reversed()) {
                try {
                    resource.close();
                } catch (Exception closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
    }

    private static Storage sqlite(ServerConfig config, NodeOptions options, List<AutoCloseable> opened) {
        DataDirectory dataDir = DataDirectory.create(config.dataDir());
        SqliteMessageStore store = SqliteMessageStore.open(dataDir.database(), StoreConfig.defaults(),
                options.clock());
        opened.add(store);
        ServerConfig.Backups backups = config.backups();
        if (backups.enabled()) {
            // Closed before the store (resources close in reverse order), after a backup in progress ends.
            opened.add(BackupSchedule.start(store.database(), dataDir.backups(), backups.interval(), backups.keep(),
                    options.clock()));
        }
        return new Storage(store, store.accounts(), SigningKeyFile.loadOrCreate(dataDir.signingKey()), () -> true);
    }

    private static Storage postgres(ServerConfig.Deployment deployment, NodeOptions options,
                                    List<AutoCloseable> opened) {
        PostgresMessageStore store = PostgresMessageStore.open(options.store().apply(PostgresConfig.of(
                deployment.storeUrl(), deployment.storeUser(), deployment.storePassword())), options.clock());
        opened.add(store);
        LOG.info("Keeping history and accounts in the shared PostgreSQL store {}", store.database().config().safeUrl());
        return new Storage(store, store.accounts(), store.database().signingKey(), store.database()::healthy);
    }

    private static MessageBus redis(ServerConfig.Deployment deployment, NodeOptions options, Storage storage) {
        RedisBusConfig config = options.bus().apply(RedisBusConfig.of(deployment.busUri()));
        return RedisMessageBus.connectNode(config, newNodeId(), StoreGapSource.create(storage.messages()));
    }

    private static int sample(AtomicReference<RunningServer> running, ToIntFunction<RunningServer> value) {
        RunningServer server = running.get();
        return server == null ? 0 : value.applyAsInt(server);
    }

    private static String newNodeId() {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "n" + HexFormat.of().formatHex(bytes);
    }

    /** What a node keeps its state in. */
    record Storage(MessageStore messages, AccountStore accounts, SecretKey signingKey, BooleanSupplier healthy) {
    }
}
