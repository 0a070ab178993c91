package dev.confab.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ClientId;
import dev.confab.protocol.CloseCode;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.MessageContent;
import dev.confab.protocol.RoomName;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.RunningServer;
import dev.confab.server.bus.redis.RedisMessageBus;
import dev.confab.server.testing.Cluster;
import dev.confab.server.testing.ExternalProcesses;
import dev.confab.server.testing.Frames;
import dev.confab.server.testing.HealerFirstStore;
import dev.confab.server.testing.Http;
import dev.confab.server.testing.PerClass;
import dev.confab.server.testing.PostgresProcess;
import dev.confab.server.testing.RedisProcess;
import dev.confab.server.testing.TestClient;
import dev.confab.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two or three real nodes in this JVM over one real PostgreSQL and one real redis-server: users on different
 * nodes chat, replay and see each other; tokens work on every node; Redis restarts, node deaths and a PostgreSQL
 * outage lose nothing acknowledged. Skipped (saying which binary is missing) without redis-server or initdb.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterTest {
    private static final String ROOM = "lobby";
    /** The room's Redis channel (see {@code Envelope.channel}). */
    private static final String CHANNEL = "confab:room:" + ROOM;
    // Registered in this order: Redis starts first and stops last.
    @RegisterExtension
    static final PerClass<RedisProcess> REDIS = PerClass.of(RedisProcess::start);
    @RegisterExtension
    static final PerClass<PostgresProcess> POSTGRES = PerClass.of(PostgresProcess::start);

    @TempDir
    Path dir;
    private Cluster cluster;
    private String storeUrl;

    @BeforeEach
    void newCluster() {
        storeUrl = POSTGRES.get().newDatabase();
        cluster = new Cluster(storeUrl, REDIS.get().uri(), dir);
    }

    @AfterEach
    void closeCluster() {
        cluster.close();
    }

    @Test
    void usersOnDifferentNodesChatAndSeeEachOther() {
        RunningServer a = cluster.startNode();
        RunningServer b = cluster.startNode();
        TestClient ann = cluster.registered(a, "ann").client();
        TestClient bob = cluster.registered(b, "bob").client();
        TestServer.join(ann, ROOM);
        ServerFrame.JoinedRoom bobJoined = TestServer.join(bob, ROOM);

        assertThat(bobJoined.data().members()).extracting(ServerFrame.Member::username)
                .containsExactlyInAnyOrder("ann", "bob");
        assertThat(ann.await(ServerFrame.UserJoined.class).data().username()).isEqualTo("bob");

        ann.send(Frames.send(ROOM, "hello from A", "a1"));
        assertThat(bob.await(ServerFrame.Message.class).data().content()).isEqualTo("hello from A");
        assertThat(ann.await(ServerFrame.Message.class).data().seq()).isEqualTo(1);
        bob.send(Frames.send(ROOM, "hello from B", "b1"));
        assertThat(ann.await(ServerFrame.Message.class).data().content()).isEqualTo("hello from B");

        ann.send(new ClientFrame.UserList("who", RoomName.of(ROOM)));
        assertThat(ann.await(ServerFrame.UserList.class).data().users())
                .extracting(ServerFrame.Presence::username, ServerFrame.Presence::online)
                .containsExactlyInAnyOrder(tuple("ann", true),
                        tuple("bob", true));

        bob.send(new ClientFrame.Typing(null, RoomName.of(ROOM)));
        assertThat(ann.await(ServerFrame.Typing.class).data().username()).isEqualTo("bob");
        bob.close();
        assertThat(ann.await(ServerFrame.UserLeft.class).data().username()).isEqualTo("bob");
    }

    @Test
    void aNodeThatCannotReachRedisDoesNotStartAndSaysWhy() {
        Cluster unreachable = new Cluster(storeUrl, "redis://127.0.0.1:1", dir);
        try {
            assertThatThrownBy(unreachable::startNode).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot connect to the Redis bus at redis://127.0.0.1:1");
        } finally {
            unreachable.close();
        }
    }

    @Test
    void aTokenIssuedByOneNodeSignsInOnAnother() {
        RunningServer a = cluster.startNode();
        RunningServer b = cluster.startNode();
        Cluster.Session onA = cluster.registered(a, "carol");

        Cluster.Session onB = cluster.withToken(b, onA.data().token());

        assertThat(onB.data().userId()).isEqualTo(onA.data().userId());
        assertThat(onB.data().username()).isEqualTo("carol");
    }

    @Test
    void aUserOnTwoNodesIsOneMemberAndLeavesWithTheLastConnection() {
        RunningServer a = cluster.startNode();
        RunningServer b = cluster.startNode();
        Cluster.Session dave = cluster.registered(a, "dave");
        TestClient watcher = cluster.registered(a, "erin").client();
        TestServer.join(watcher, ROOM);
        TestServer.join(dave.client(), ROOM);
        watcher.await(ServerFrame.UserJoined.class);
        TestClient daveOnB = cluster.withToken(b, dave.data().token()).client();
        TestServer.join(daveOnB, ROOM);

        dave.client().close();
        assertThat(watcher.quietFor(500)).as("dave is still there through node B").isTrue();
        daveOnB.close();
        assertThat(watcher.await(ServerFrame.UserLeft.class).data().username()).isEqualTo("dave");
    }

    @Test
    void aGuestNameOnlineOnOneNodeCannotBeTakenOnAnotherUntilItsGuestLeaves() {
        RunningServer a = cluster.startNode();
        RunningServer b = cluster.startNode();
        TestClient zed = guest(cluster.connect(a, "/ws"), "zed");
        assertThat(zed.next()).isInstanceOf(ServerFrame.Connected.class);

        TestClient impostor = guest(cluster.connect(b, "/ws"), "Zed");
        assertThat(impostor.nextError(ErrorCode.USERNAME_TAKEN).data().error()).contains("in use");
        TestClient registering = cluster.connect(b, "/ws");
        registering.next(ServerFrame.Hello.class);
        registering.send(new ClientFrame.Register("reg", new ClientFrame.Credentials("zed", "password-zed")));
        assertThat(registering.nextError(ErrorCode.USERNAME_TAKEN)).isNotNull();

        zed.close();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            TestClient next = guest(cluster.connect(b, "/ws"), "zed");
            assertThat(next.next()).isInstanceOf(ServerFrame.Connected.class);
        });
    }

    /** Sends a guest login for {@code name} once the server said hello. */
    private static TestClient guest(TestClient client, String name) {
        client.next(ServerFrame.Hello.class);
        client.send(new ClientFrame.Login("login", new ClientFrame.Credentials(name, null)));
        return client;
    }

    @Test
    void theConnectionLimitOfAUserCountsEveryNode() {
        RunningServer a = cluster.startNode(config -> config.maxConnectionsPerUser(2));
        RunningServer b = cluster.startNode(config -> config.maxConnectionsPerUser(2));
        Cluster.Session olga = cluster.registered(a, "olga");
        cluster.withToken(b, olga.data().token());

        TestClient third = cluster.connectWithoutWaiting(a, "/ws?token=" + olga.data().token());
        assertThat(third.awaitClose()).isEqualTo(CloseCode.TOO_MANY_CONNECTIONS.code());

        olga.client().close();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            TestClient again = cluster.connect(a, "/ws?token=" + olga.data().token());
            assertThat(again.next()).isInstanceOf(ServerFrame.Connected.class);
        });
    }

    @Test
    void theConnectionsOfANodeThatDiesStopCountingTowardTheLimitWithinTheTtl() {
        RunningServer a = cluster.startNode(config -> config.maxConnectionsPerUser(2));
        Cluster.AssembledNode doomedNode = cluster.startAssembledNode("doomed-counts", store -> store);
        RunningServer doomed = doomedNode.server();
        Cluster.Session olga = cluster.registered(doomed, "olga");
        cluster.withToken(doomed, olga.data().token());
        TestClient third = cluster.connectWithoutWaiting(a, "/ws?token=" + olga.data().token());
        assertThat(third.awaitClose()).as("two connections on the doomed node count on A")
                .isEqualTo(CloseCode.TOO_MANY_CONNECTIONS.code());

        // A crash: the node's Redis connections drop without removing its counts, which must expire with it.
        doomedNode.bus().abandon();
        long cut = System.nanoTime();
        doomed.close();

        await().atMost(Cluster.PRESENCE_TTL.multipliedBy(3)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(cluster.connect(a, "/ws?token=" + olga.data().token())
                        .nextUnlessClosed()).containsInstanceOf(ServerFrame.Connected.class));
        assertThat(Duration.ofNanos(System.nanoTime() - cut)).isLessThan(Cluster.PRESENCE_TTL.multipliedBy(3));
        TestClient second = cluster.connect(a, "/ws?token=" + olga.data().token());
        assertThat(second.next()).as("the limit still holds for A's own connections")
                .isInstanceOf(ServerFrame.Connected.class);
        TestClient overLimit = cluster.connectWithoutWaiting(a, "/ws?token=" + olga.data().token());
        assertThat(overLimit.awaitClose()).isEqualTo(CloseCode.TOO_MANY_CONNECTIONS.code());
    }

    @Test
    void messagesSentOnSeveralNodesAtOnceArriveEverywhereInSeqOrderOnce() {
        RunningServer a = cluster.startNode();
        RunningServer b = cluster.startNode();
        RunningServer c = cluster.startNode();
        List<TestClient> senders = new ArrayList<>();
        for (RunningServer node : List.of(a, b, c)) {
            TestClient client = cluster.registered(node, "user" + senders.size()).client();
            TestServer.join(client, ROOM);
            senders.add(client);
        }
        for (int i = 0; i < 30; i++) {
            for (int s = 0; s < senders.size(); s++) {
                // With a request id: the author's copy carries it as reply_to and must keep its place too.
                senders.get(s).send(new ClientFrame.SendMessage("r" + s + "-" + i, RoomName.of(ROOM),
                        new ClientFrame.Outgoing(MessageContent.of("m" + s + "-" + i), ClientId.of("c" + s + "-" + i),
                                null, null)));
            }
        }
        for (int s = 0; s < senders.size(); s++) {
            List<ServerFrame.Message> received = new ArrayList<>();
            while (received.size() < 90) {
                received.add(senders.get(s).await(ServerFrame.Message.class));
            }
            assertThat(received).extracting(m -> m.data().seq())
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 90).boxed().toList());
            String own = "c" + s + "-";
            assertThat(received).allSatisfy(m -> assertThat(m.replyTo() != null)
                    .isEqualTo(m.data().clientId() != null && m.data().clientId().startsWith(own)));
        }
    }

    @Test
    void theAuthorGetsItsOwnCopyEvenWhenTheHealerReadsTheMessageBeforeItsNodeBroadcastsIt() {
        AtomicReference<HealerFirstStore> slow = new AtomicReference<>();
        RunningServer node = cluster.startAssembledNode("healer-first", store -> {
            slow.set(HealerFirstStore.wrap(store));
            return slow.get();
        }).server();
        TestClient author = cluster.registered(node, "olive").client();
        TestClient neighbour = cluster.registered(node, "pete").client();
        TestServer.join(author, ROOM);
        TestServer.join(neighbour, ROOM);

        // With a client id, and without one (the author's copy must still find its author).
        author.send(new ClientFrame.SendMessage("first", RoomName.of(ROOM),
                new ClientFrame.Outgoing(MessageContent.of("one"), ClientId.of("o1"), null, null)));
        author.send(new ClientFrame.SendMessage("second", RoomName.of(ROOM),
                new ClientFrame.Outgoing(MessageContent.of("two"), null, null, null)));

        List<ServerFrame.Message> own = List.of(author.await(ServerFrame.Message.class),
                author.await(ServerFrame.Message.class));
        assertThat(own).extracting(ServerFrame.Message::replyTo, m -> m.data().seq())
                .containsExactly(tuple("first", 1L), tuple("second", 2L));
        List<ServerFrame.Message> seen = List.of(neighbour.await(ServerFrame.Message.class),
                neighbour.await(ServerFrame.Message.class));
        assertThat(seen).extracting(ServerFrame.Message::replyTo, m -> m.data().seq())
                .containsExactly(tuple(null, 1L), tuple(null, 2L));
        assertThat(slow.get().answeredAfterHealer()).as("both appends waited for the healer").isEqualTo(2);
        assertThat(author.quietFor(700)).as("no second copy for the author").isTrue();
        assertThat(neighbour.quietFor(0)).as("no second copy for the neighbour").isTrue();
    }

    @Test
    void aClientReplaysFromAnotherNodeWithSince() {
        RunningServer a = cluster.startNode();
        RunningServer b = cluster.startNode();
        TestClient frank = cluster.registered(a, "frank").client();
        TestServer.join(frank, ROOM);
        for (int i = 1; i <= 5; i++) {
            frank.send(Frames.send(ROOM, "old " + i, "o" + i));
        }
        assertThat(receiveSeqs(frank, 5)).containsExactly(1L, 2L, 3L, 4L, 5L);

        TestClient late = cluster.registered(b, "gina").client();
        late.send(Frames.joinSince(ROOM, 2));
        assertThat(receiveSeqs(late, 3)).containsExactly(3L, 4L, 5L);
        assertThat(late.await(ServerFrame.JoinedRoom.class).data().lastSeq()).isEqualTo(5);
    }

    @Test
    void afterARedisRestartTheNodesResubscribeAndHealWhatWasMissed() {
        // Without the store's poll, only the resubscription (and the healing it starts) brings B the messages.
        RunningServer a = cluster.startNode(config -> config, bus -> bus.withPollInterval(Cluster.NO_POLL));
        RunningServer b = cluster.startNode(config -> config, bus -> bus.withPollInterval(Cluster.NO_POLL));
        TestClient sender = cluster.registered(a, "hank").client();
        TestClient reader = cluster.registered(b, "iris").client();
        TestServer.join(sender, ROOM);
        TestServer.join(reader, ROOM);
        sender.send(Frames.send(ROOM, "before", "r0"));
        assertThat(receiveSeqs(reader, 1)).containsExactly(1L);
        assertThat(REDIS.get().subscribers(CHANNEL)).isEqualTo(2);

        REDIS.get().stop();
        for (int i = 1; i <= 10; i++) {
            sender.send(Frames.send(ROOM, "during " + i, "r" + i));
        }
        assertThat(receiveSeqs(sender, 11)).containsExactlyElementsOf(LongStream.rangeClosed(1, 11).boxed().toList());
        REDIS.get().startServer();

        await("both nodes subscribed again").atMost(Duration.ofSeconds(40))
                .until(() -> REDIS.get().subscribers(CHANNEL) == 2);
        assertThat(receiveSeqs(reader, 10)).containsExactlyElementsOf(LongStream.rangeClosed(2, 11).boxed().toList());
        sender.send(Frames.send(ROOM, "after", "after"));
        ServerFrame.Message after = reader.await(ServerFrame.Message.class);
        assertThat(after.data().content()).isEqualTo("after");
        assertThat(after.data().seq()).isEqualTo(12);
    }

    @Test
    void aRoomJoinedWhileRedisIsDownIsSubscribedWhenItReturns() {
        RunningServer a = cluster.startNode(config -> config, bus -> bus.withPollInterval(Cluster.NO_POLL));
        RunningServer b = cluster.startNode(config -> config, bus -> bus.withPollInterval(Cluster.NO_POLL)
                .withSubscribeRetryMax(Duration.ofMillis(400)));
        TestClient sender = cluster.registered(a, "quinn").client();
        TestClient reader = cluster.registered(b, "rosa").client();
        TestServer.join(sender, ROOM);

        REDIS.get().stop();
        try {
            TestServer.join(reader, ROOM);
        } finally {
            REDIS.get().startServer();
        }

        // Lettuce resubscribes A's room by itself; B's failed SUBSCRIBE is B's own retry's to repeat.
        await("A and B subscribed").atMost(Duration.ofSeconds(40)).until(() -> REDIS.get().subscribers(CHANNEL) == 2);
        sender.send(Frames.send(ROOM, "live", "q1"));
        ServerFrame.Message live = reader.await(ServerFrame.Message.class);
        assertThat(live.data().content()).isEqualTo("live");
        assertThat(live.data().seq()).isEqualTo(1);
    }

    @Test
    void clientsOfAStoppedNodeResumeOnAnotherWithNothingLost() {
        RunningServer a = cluster.startNode();
        RunningServer b = cluster.startNode();
        Cluster.Session jack = cluster.registered(a, "jack");
        TestServer.join(jack.client(), ROOM);
        for (int i = 1; i <= 5; i++) {
            jack.client().send(Frames.send(ROOM, "m" + i, "j" + i));
        }
        assertThat(receiveSeqs(jack.client(), 5)).containsExactly(1L, 2L, 3L, 4L, 5L);
        TestClient other = cluster.registered(b, "kate").client();
        TestServer.join(other, ROOM);
        other.send(Frames.send(ROOM, "while jack moves", "k1"));

        a.close();
        assertThat(other.await(ServerFrame.UserLeft.class).data().username()).isEqualTo("jack");
        TestClient resumed = cluster.withToken(b, jack.data().token()).client();
        resumed.send(Frames.joinSince(ROOM, 5));
        assertThat(receiveSeqs(resumed, 1)).containsExactly(6L);
    }

    @Test
    void theUsersOfANodeThatDiesLeaveTheOthersPresenceWithinTheTtl() {
        RunningServer a = cluster.startNode();
        TestClient watcher = cluster.registered(a, "liam").client();
        TestServer.join(watcher, ROOM);
        // A node whose bus the test can cut, as a crash would.
        Cluster.AssembledNode doomedNode = cluster.startAssembledNode("doomed", store -> store);
        RedisMessageBus bus = doomedNode.bus();
        RunningServer doomed = doomedNode.server();
        TestClient mia = cluster.registered(doomed, "mia").client();
        TestServer.join(mia, ROOM);
        assertThat(watcher.await(ServerFrame.UserJoined.class).data().username()).isEqualTo("mia");

        bus.abandon();
        long cut = System.nanoTime();
        doomed.close();

        ServerFrame.UserLeft left = watcher.await(ServerFrame.UserLeft.class);
        assertThat(left.data().username()).isEqualTo("mia");
        assertThat(Duration.ofNanos(System.nanoTime() - cut)).isLessThan(Cluster.PRESENCE_TTL.multipliedBy(3));
        watcher.send(new ClientFrame.UserList("who", RoomName.of(ROOM)));
        assertThat(watcher.await(ServerFrame.UserList.class).data().users()).filteredOn(ServerFrame.Presence::online)
                .extracting(ServerFrame.Presence::username).containsExactly("liam");
    }

    @Test
    void whilePostgresIsDownSendsFailClearlyAndServiceResumesByItself() {
        RunningServer a = cluster.startNode();
        TestClient nina = cluster.registered(a, "nina").client();
        TestServer.join(nina, ROOM);
        nina.send(Frames.send(ROOM, "before", "p0"));
        assertThat(receiveSeqs(nina, 1)).containsExactly(1L);

        POSTGRES.get().stop();
        try {
            nina.send(Frames.send(ROOM, "during", "p1"));
            ServerFrame.ErrorFrame error = nina.await(ServerFrame.ErrorFrame.class);
            assertThat(error.data().code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
            assertThat(error.data().error()).contains("could not store");
        } finally {
            POSTGRES.get().startServer();
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            nina.send(Frames.send(ROOM, "after", "p1"));
            ServerFrame frame = nina.next();
            assertThat(frame).isInstanceOf(ServerFrame.Message.class);
        });
        nina.send(new ClientFrame.History("h", RoomName.of(ROOM), new ClientFrame.HistoryQuery(null, null)));
        assertThat(nina.await(ServerFrame.History.class).data().messages())
                .extracting(m -> m.data().content()).containsExactly("before", "after");
    }

    @Test
    void healthSaysWhichSharedServiceIsDownAndRecoversWithIt() {
        int adminPort = ExternalProcesses.freePort();
        cluster.startNode(config -> config.adminPort(adminPort));
        assertThat(Http.get(adminPort, "/health").statusCode()).isEqualTo(200);

        REDIS.get().stop();
        try {
            HttpResponse<String> withoutRedis = Http.get(adminPort, "/health");
            assertThat(withoutRedis.statusCode()).isEqualTo(503);
            assertThat(withoutRedis.body()).contains("bus").doesNotContain("store");
        } finally {
            REDIS.get().startServer();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Http.get(adminPort, "/health").statusCode() == 200);

        POSTGRES.get().stop();
        try {
            HttpResponse<String> withoutPostgres = Http.get(adminPort, "/health");
            assertThat(withoutPostgres.statusCode()).isEqualTo(503);
            assertThat(withoutPostgres.body()).contains("store");
        } finally {
            POSTGRES.get().startServer();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Http.get(adminPort, "/health").statusCode() == 200);
    }

    /** Reads {@code count} message frames and returns their seqs in arrival order. */
    private static List<Long> receiveSeqs(TestClient client, int count) {
        List<Long> seqs = new ArrayList<>();
        while (seqs.size() < count) {
            seqs.add(client.await(ServerFrame.Message.class).data().seq());
        }
        return seqs;
    }
}
