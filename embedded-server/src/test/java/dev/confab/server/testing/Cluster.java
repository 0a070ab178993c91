package dev.confab.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.ConfabServer;
import dev.confab.server.NodeOptions;
import dev.confab.server.RunningServer;
import dev.confab.server.ServerConfigBuilder;
import dev.confab.server.auth.AuthConfig;
import dev.confab.server.auth.DefaultAuthenticator;
import dev.confab.server.auth.LoginThrottle;
import dev.confab.server.auth.PasswordHasher;
import dev.confab.server.auth.PasswordPolicy;
import dev.confab.server.auth.TokenService;
import dev.confab.server.bus.StoreGapSource;
import dev.confab.server.bus.redis.RedisBusConfig;
import dev.confab.server.bus.redis.RedisMessageBus;
import dev.confab.server.net.MonotonicClock;
import dev.confab.server.store.MessageStore;
import dev.confab.server.store.postgres.PostgresConfig;
import dev.confab.server.store.postgres.PostgresMessageStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Several real server nodes in this JVM (each {@link ConfabServer#start} on a free loopback port) sharing one
 * PostgreSQL database and one Redis, with quick presence expiry and gap polling, and the clients a test opens.
 */
public final class Cluster implements AutoCloseable {
    /** Presence expiry of a vanished node in these tests. */
    public static final Duration PRESENCE_TTL = Duration.ofSeconds(2);
    /** A poll interval longer than any test: the store's poll never brings a message. */
    public static final Duration NO_POLL = Duration.ofHours(1);

    private final String storeUrl;
    private final String busUri;
    private final Path dir;
    private final List<RunningServer> nodes = new ArrayList<>();
    private final List<TestClient> clients = new ArrayList<>();

    public Cluster(String storeUrl, String busUri, Path dir) {
        this.storeUrl = storeUrl;
        this.busUri = busUri;
        this.dir = dir;
    }

    public static NodeOptions options() {
        return NodeOptions.defaults()
                .withAuth(auth -> auth.withPasswords(PasswordPolicy.defaults().withCost(64, 1, 1)))
                .withStore(store -> store.withConnectionTimeout(Duration.ofSeconds(1)).withPoolSize(4))
                .withBus(bus -> bus.withPresence(PRESENCE_TTL, Duration.ofMillis(300))
                        .withPollInterval(Duration.ofMillis(300)));
    }

    public RunningServer startNode() {
        return startNode(b -> b);
    }

    public RunningServer startNode(UnaryOperator<ServerConfigBuilder> tweak) {
        return startNode(tweak, bus -> bus);
    }

    /**
     * A node whose bus settings are adjusted after this cluster's, e.g. {@code bus -> bus.withPollInterval(NO_POLL)}
     * so that only Redis pub/sub (and healing on a (re)subscription) brings it the other nodes' messages.
     */
    public RunningServer startNode(UnaryOperator<ServerConfigBuilder> tweak, UnaryOperator<RedisBusConfig> bus) {
        ServerConfigBuilder config = TestServer.config(dir.resolve("node-" + nodes.size())).store(storeUrl)
                .bus(busUri);
        NodeOptions options = options();
        UnaryOperator<RedisBusConfig> clusterBus = options.bus();
        RunningServer node = ConfabServer.start(tweak.apply(config).build(),
                options.withBus(b -> bus.apply(clusterBus.apply(b))));
        nodes.add(node);
        return node;
    }

    /**
     * A node put together here rather than by {@link ConfabServer#start}, so that a test can wrap its store (the
     * wrapper serves the clients and the gap healer alike) and cut its bus as a crash would.
     */
    public AssembledNode startAssembledNode(String name, UnaryOperator<MessageStore> wrapStore) {
        PostgresMessageStore postgres = PostgresMessageStore.open(PostgresConfig.of(storeUrl, "", ""),
                Clock.systemUTC());
        MessageStore store = wrapStore.apply(postgres);
        RedisMessageBus bus = RedisMessageBus.connect(options().bus().apply(RedisBusConfig.of(busUri)), name,
                StoreGapSource.create(store));
        AuthConfig auth = options().auth().apply(AuthConfig.defaults());
        ConfabServer builder = ConfabServer.builder(TestServer.config(dir.resolve(name)).build()).store(store)
                .bus(bus).closeWithServer(postgres);
        if (store != postgres) {
            builder.closeWithServer(store);
        }
        RunningServer node = builder
                .authenticator(DefaultAuthenticator.create(postgres.accounts(), PasswordHasher.create(auth.passwords()),
                        TokenService.create(postgres.database().signingKey(), auth.tokens(), Clock.systemUTC()),
                        LoginThrottle.create(auth.throttle(), MonotonicClock.start()), auth)).start();
        nodes.add(node);
        return new AssembledNode(node, bus);
    }

    public TestClient connect(RunningServer node, String pathAndQuery) {
        return connect(node.port(), pathAndQuery);
    }

    public TestClient connect(int port, String pathAndQuery) {
        TestClient client = new TestClient(URI.create("ws://127.0.0.1:" + port + pathAndQuery), Map.of());
        clients.add(client);
        return client.open();
    }

    /**
     * A client that starts connecting, for a connection the node is expected to close at once: waiting for the
     * upgrade would race with that close (the library reports a connection closed that soon as not connected).
     */
    public TestClient connectWithoutWaiting(RunningServer node, String pathAndQuery) {
        TestClient client = new TestClient(URI.create("ws://127.0.0.1:" + node.port() + pathAndQuery), Map.of());
        clients.add(client);
        client.connect();
        return client;
    }

    /** A fresh connection to a node run elsewhere (another process), on its port. */
    public TestClient connectTo(int port) {
        return connect(port, "/ws");
    }

    /** Registers a user on a node; returns the signed-in client (its {@code connected} frame read). */
    public Session registered(RunningServer node, String username) {
        return registered(connect(node, "/ws"), username);
    }

    /** Registers a user on an open connection. */
    public Session registered(TestClient client, String username) {
        client.next(ServerFrame.Hello.class);
        client.send(new ClientFrame.Register("reg", new ClientFrame.Credentials(username, "password-" + username)));
        ServerFrame.Connected connected = client.next(ServerFrame.Connected.class);
        assertThat(connected.data().username()).isEqualTo(username);
        return new Session(client, connected.data());
    }

    /** Signs in with a token at the handshake. */
    public Session withToken(RunningServer node, String token) {
        TestClient client = connect(node, "/ws?token=" + token);
        ServerFrame.Connected connected = client.next(ServerFrame.Connected.class);
        return new Session(client, connected.data());
    }

    @Override
    public void close() {
        clients.forEach(TestClient::close);
        nodes.reversed().forEach(RunningServer::close);
    }

    /** A node from {@link #startAssembledNode} and its bus. */
    public record AssembledNode(RunningServer server, RedisMessageBus bus) {
    }

    /** A signed-in client and what the server told it. */
    public record Session(TestClient client, ServerFrame.Session data) {
    }
}
