package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.MessageContent;
import dev.confab.protocol.RoomName;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.auth.AuthConfig;
import dev.confab.server.auth.DefaultAuthenticator;
import dev.confab.server.auth.PasswordPolicy;
import dev.confab.server.store.AppendResult;
import dev.confab.server.store.ChangeResult;
import dev.confab.server.store.MessageStore;
import dev.confab.server.store.NewMessage;
import dev.confab.server.store.RoomInfo;
import dev.confab.server.store.StoredMessage;
import dev.confab.server.store.sqlite.SqliteMessageStore;
import dev.confab.server.store.sqlite.StoreConfig;
import dev.confab.server.testing.TestClient;
import dev.confab.server.testing.TestServer;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmbeddingTest {
    @TempDir
    Path dir;

    @Test
    void theConfiguredTokenLifetimeIsTheLifetimeOfTheTokensItIssues() throws Exception {
        ServerConfig config = TestServer.config(dir.resolve("data")).tokenLifetime(Duration.ofHours(2)).build();
        try (RunningServer server = ConfabServer.start(config)) {
            TestClient client = new TestClient(server.url()).open();
            client.next(ServerFrame.Hello.class);
            Instant before = Instant.now();
            client.send(new ClientFrame.Register("r", new ClientFrame.Credentials("alice", "correct horse 42")));
            Instant expires = client.next(ServerFrame.Connected.class).data().expiresAt();
            // Token times are whole seconds.
            assertThat(expires).isBetween(before.plus(Duration.ofHours(2)).minusSeconds(1),
                    Instant.now().plus(Duration.ofHours(2)).plusSeconds(1));
            client.closeBlocking();
        }
    }

    @Test
    void startsFromAConfigWithItsStateInTheDataDirectoryAndTokensSurviveARestart() throws Exception {
        ServerConfig config = TestServer.config(dir.resolve("data")).build();
        String token;
        try (RunningServer server = ConfabServer.start(config)) {
            assertThat(server.port()).isPositive();
            assertThat(server.address().getPort()).isEqualTo(server.port());
            assertThat(server.url()).isEqualTo(URI.create("ws://127.0.0.1:" + server.port() + "/ws"));
            TestClient client = new TestClient(server.url()).open();
            client.next(ServerFrame.Hello.class);
            client.send(new ClientFrame.Register("r", new ClientFrame.Credentials("alice", "correct horse 42")));
            token = client.next(ServerFrame.Connected.class).data().token();
            client.closeBlocking();
        }
        assertThat(Files.exists(dir.resolve("data").resolve("confab.db"))).isTrue();
        assertThat(Files.exists(dir.resolve("data").resolve("token.key"))).isTrue();
        try (RunningServer server = ConfabServer.start(config)) {
            TestClient client = new TestClient(URI.create(server.url() + "?token=" + token)).open();
            assertThat(client.next(ServerFrame.Connected.class).data().username()).isEqualTo("alice");
            client.closeBlocking();
        }
    }

    @Test
    void aServerOnEveryInterfaceIsReachedLocallyOverLoopback() throws Exception {
        try (RunningServer server = ConfabServer.start(TestServer.config(dir).host("0.0.0.0").build())) {
            assertThat(server.url().getHost()).isEqualTo("0.0.0.0");
            assertThat(server.localUrl()).isEqualTo(URI.create("ws://127.0.0.1:" + server.port() + "/ws"));
            TestClient client = new TestClient(server.localUrl()).open();
            client.next(ServerFrame.Hello.class);
            client.closeBlocking();
        }
    }

    @Test
    void closingTwiceIsHarmless() {
        RunningServer server = ConfabServer.start(TestServer.config(dir).build());
        server.close();
        server.close();
    }

    @Test
    void aTakenPortFailsTheStartWithAClearError() {
        try (RunningServer first = ConfabServer.start(TestServer.config(dir.resolve("a")).build())) {
            ServerConfig clash = TestServer.config(dir.resolve("b")).port(first.port()).build();
            assertThatThrownBy(() -> ConfabServer.start(clash)).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining(String.valueOf(first.port()));
        }
    }

    @Test
    void aFailingHandlerClosesOnlyItsConnectionWith4500() {
        Clock clock = Clock.systemUTC();
        ServerConfig config = TestServer.config(dir).build();
        try (SqliteMessageStore sqlite = SqliteMessageStore.open(dir.resolve("confab.db"), StoreConfig.defaults(),
                clock);
             RunningServer server = ConfabServer.builder(config).store(new BrokenRoomList(sqlite)).clock(clock)
                     .authenticator(DefaultAuthenticator.create(sqlite.accounts(), dir.resolve("token.key"),
                             AuthConfig.defaults().withPasswords(PasswordPolicy.defaults().withCost(64, 1, 1)),
                             clock))
                     .start()) {
            TestClient victim = guest(server, "victim");
            TestClient bystander = guest(server, "bystander");
            victim.send(new ClientFrame.ListRooms("boom"));
            assertThat(victim.awaitClose()).isEqualTo(4500);
            bystander.send(new ClientFrame.Ping("ok"));
            assertThat(bystander.next(ServerFrame.Pong.class).replyTo()).isEqualTo("ok");
            assertThat(guest(server, "newcomer").closedYet()).isFalse();
        }
    }

    private static TestClient guest(RunningServer server, String name) {
        TestClient client = new TestClient(server.url()).open();
        client.next(ServerFrame.Hello.class);
        client.send(new ClientFrame.Login("in", new ClientFrame.Credentials(name, null)));
        client.next(ServerFrame.Connected.class);
        return client;
    }

    /** A store with a bug: listing rooms throws something unexpected. */
    private record BrokenRoomList(MessageStore delegate) implements MessageStore {
        @Override
        public List<RoomInfo> rooms() {
            throw new IllegalStateException("a bug in the store");
        }

        @Override
        public String epoch() {
            return delegate.epoch();
        }

        @Override
        public CompletableFuture<AppendResult> append(NewMessage message) {
            return delegate.append(message);
        }

        @Override
        public CompletableFuture<ChangeResult> edit(RoomName room, long seq, String userId, MessageContent content,
                                                    Instant at) {
            return delegate.edit(room, seq, userId, content, at);
        }

        @Override
        public CompletableFuture<ChangeResult> delete(RoomName room, long seq, String userId) {
            return delegate.delete(room, seq, userId);
        }

        @Override
        public List<StoredMessage> page(RoomName room, @Nullable Long before, int limit) {
            return delegate.page(room, before, limit);
        }

        @Override
        public List<StoredMessage> since(RoomName room, long after, int limit) {
            return delegate.since(room, after, limit);
        }

        @Override
        public Optional<StoredMessage> find(RoomName room, long seq) {
            return delegate.find(room, seq);
        }

        @Override
        public long lastSeq(RoomName room) {
            return delegate.lastSeq(room);
        }

        @Override
        public void ensureRoom(RoomName room) {
            delegate.ensureRoom(room);
        }

        @Override
        public void addMember(RoomName room, String userId) {
            delegate.addMember(room, userId);
        }

        @Override
        public void removeMember(RoomName room, String userId) {
            delegate.removeMember(room, userId);
        }

        @Override
        public List<Member> members(RoomName room) {
            return delegate.members(room);
        }

        @Override
        public void close() {
            // The test closes the real store.
        }
    }
}
