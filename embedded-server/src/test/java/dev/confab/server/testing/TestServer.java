package dev.confab.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.RoomName;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.ConfabServer;
import dev.confab.server.RunningServer;
import dev.confab.server.ServerConfig;
import dev.confab.server.ServerConfigBuilder;
import dev.confab.server.auth.AuthConfig;
import dev.confab.server.auth.DefaultAuthenticator;
import dev.confab.server.auth.PasswordPolicy;
import dev.confab.server.store.DataDirectory;
import dev.confab.server.store.sqlite.SqliteMessageStore;
import dev.confab.server.store.sqlite.StoreConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A real server on a free loopback port over a real SQLite file and the real authenticator, and the clients a
 * test opens against it.
 */
public final class TestServer implements AutoCloseable {
    private final SqliteMessageStore store;
    private final RunningServer server;
    private final List<TestClient> clients = new ArrayList<>();
    private final CloseRecorder closes;
    private boolean closed;

    private TestServer(SqliteMessageStore store, RunningServer server, CloseRecorder closes) {
        this.store = store;
        this.server = server;
        this.closes = closes;
    }

    /** Defaults for tests: loopback, any port, generous rate limits, quick housekeeping. */
    public static ServerConfigBuilder config(Path dataDir) {
        return ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir).name("Test server")
                .framesPerSecond(10_000).frameBurst(10_000).joinsPerSecond(10_000).joinBurst(10_000)
                .housekeepingInterval(Duration.ofMillis(50));
    }

    public static TestServer start(Path dataDir) {
        return start(dataDir, builder -> builder);
    }

    public static TestServer start(Path dataDir, UnaryOperator<ServerConfigBuilder> tweak) {
        return start(dataDir, tweak, StoreConfig.defaults());
    }

    /** A server over a store with these settings (e.g. a short busy timeout). */
    public static TestServer start(Path dataDir, UnaryOperator<ServerConfigBuilder> tweak, StoreConfig storeConfig) {
        return start(dataDir, tweak, storeConfig, auth -> auth);
    }

    /** A server whose sign-in rules are changed by {@code authTweak} (e.g. a token lifetime of seconds). */
    public static TestServer withAuth(Path dataDir, UnaryOperator<ServerConfigBuilder> tweak,
                                      UnaryOperator<AuthConfig> authTweak) {
        return start(dataDir, tweak, StoreConfig.defaults(), authTweak);
    }

    private static TestServer start(Path dataDir, UnaryOperator<ServerConfigBuilder> tweak, StoreConfig storeConfig,
                                    UnaryOperator<AuthConfig> authTweak) {
        ServerConfig config = tweak.apply(config(dataDir)).build();
        Clock clock = Clock.systemUTC();
        SqliteMessageStore store = SqliteMessageStore.open(DataDirectory.create(dataDir), storeConfig, clock);
        try {
            // The real authenticator, with a cheap hashing cost so that tests register users quickly.
            AuthConfig auth = authTweak.apply(AuthConfig.defaults().withRegistrationAllowed(config.registration())
                    .withGuestsAllowed(config.guests())
                    .withPasswords(PasswordPolicy.defaults().withCost(64, 1, 1)));
            CloseRecorder closes = new CloseRecorder();
            RunningServer server = ConfabServer.builder(config).store(store).clock(clock).observer(closes)
                    .authenticator(DefaultAuthenticator.create(store.accounts(), dataDir.resolve("token.key"), auth,
                            clock))
                    .start();
            return new TestServer(store, server, closes);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public RunningServer server() {
        return server;
    }

    /** The close code of every connection that has closed, as the server recorded it. */
    public List<Integer> closeCodes() {
        return closes.codes();
    }

    public SqliteMessageStore store() {
        return store;
    }

    public URI uri(String pathAndQuery) {
        return URI.create(server.url().getScheme() + "://127.0.0.1:" + server.port() + pathAndQuery);
    }

    /** An open, not yet signed-in client on {@code /ws}. */
    public TestClient connect() {
        return connect("/ws", Map.of());
    }

    public TestClient connect(String pathAndQuery, Map<String, String> headers) {
        TestClient client = new TestClient(uri(pathAndQuery), headers);
        clients.add(client);
        return client.open();
    }

    /** A client that starts connecting; for connections the server is expected to close at once. */
    public TestClient connectWithoutWaiting(String pathAndQuery) {
        TestClient client = new TestClient(uri(pathAndQuery));
        clients.add(client);
        client.connect();
        return client;
    }

    /** Adds a client the test built itself, so that it is closed with the server. */
    public <C extends TestClient> C track(C client) {
        clients.add(client);
        return client;
    }

    /** A guest signed in under this nickname. */
    public TestClient guest(String nickname) {
        TestClient client = connect();
        client.next(ServerFrame.Hello.class);
        client.send(new ClientFrame.Login("in", new ClientFrame.Credentials(nickname, null)));
        ServerFrame.Connected connected = client.next(ServerFrame.Connected.class);
        assertThat(connected.data().username()).isEqualTo(nickname);
        return client;
    }

    /** A freshly registered user, signed in. */
    public TestClient registered(String username) {
        TestClient client = connect();
        client.next(ServerFrame.Hello.class);
        client.send(new ClientFrame.Register("reg", new ClientFrame.Credentials(username, "password-" + username)));
        client.next(ServerFrame.Connected.class);
        return client;
    }

    /** A guest who joined the room (and has read the {@code joined_room}). */
    public TestClient guestIn(String nickname, String room) {
        TestClient client = guest(nickname);
        join(client, room);
        return client;
    }

    public static ServerFrame.JoinedRoom join(TestClient client, String room) {
        client.send(new ClientFrame.JoinRoom("j-" + room, RoomName.of(room), null));
        return client.await(ServerFrame.JoinedRoom.class);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        clients.forEach(TestClient::close);
        server.close();
        store.close();
    }
}
