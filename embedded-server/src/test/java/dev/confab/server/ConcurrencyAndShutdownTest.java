package dev.confab.server;

import static dev.confab.server.testing.Frames.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ClientId;
import dev.confab.protocol.MessageContent;
import dev.confab.protocol.RoomName;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.testing.TestClient;
import dev.confab.server.testing.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConcurrencyAndShutdownTest {
    @TempDir
    Path dir;

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void twentyConcurrentSendersGetGaplessSeqsInOneOrderForEveryone() throws Exception {
        server = TestServer.start(dir);
        int senders = 20;
        int perSender = 10;
        int total = senders * perSender;
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            clients.add(server.guestIn("user" + i, "general"));
        }
        TestClient observer = server.guestIn("observer", "general");
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(senders)) {
            for (int i = 0; i < senders; i++) {
                TestClient client = clients.get(i);
                int sender = i;
                pool.submit(() -> {
                    go.await();
                    for (int m = 0; m < perSender; m++) {
                        // With a request id: each sender's own copy is encoded apart and must keep its place.
                        client.send(new ClientFrame.SendMessage("r" + m, RoomName.of("general"),
                                new ClientFrame.Outgoing(MessageContent.of("from " + sender + " #" + m),
                                        ClientId.of(sender + "-" + m), null, null)));
                    }
                    return null;
                });
            }
            go.countDown();
            List<Future<List<String>>> orders = new ArrayList<>();
            for (TestClient client : clients) {
                orders.add(pool.submit(() -> receivedOrder(client, total)));
            }
            List<String> reference = receivedOrder(observer, total);
            for (Future<List<String>> order : orders) {
                assertThat(order.get()).isEqualTo(reference);
            }
        }
        assertThat(server.store().lastSeq(RoomName.of("general"))).isEqualTo(total);
    }

    @org.junit.jupiter.api.RepeatedTest(3) // the races it guards against are timing-dependent
    void aJoinWithSinceWhileMessagesArriveSeesEveryMessageOnceInOrder() throws Exception {
        server = TestServer.start(dir);
        TestClient alice = server.guestIn("alice", "general");
        int before = 30;
        int during = 200;
        for (int i = 1; i <= before; i++) {
            alice.send(send("general", "old " + i, "o" + i));
        }
        long seen = 0;
        while (seen < before) {
            seen = alice.next(ServerFrame.Message.class).data().seq();
        }
        TestClient bob = server.guest("bob");
        try (ExecutorService sender = Executors.newSingleThreadExecutor()) {
            Future<?> sending = sender.submit(() -> {
                for (int i = 1; i <= during; i++) {
                    alice.send(send("general", "new " + i, "n" + i));
                }
            });
            bob.send(dev.confab.server.testing.Frames.joinSince("general", 10));
            sending.get();
        }
        // Replay (11..last_seq at the join), joined_room, then live messages: together exactly 11..230, in order.
        List<Long> seqs = new ArrayList<>();
        boolean joined = false;
        while (seqs.isEmpty() || seqs.get(seqs.size() - 1) < before + during) {
            ServerFrame frame = bob.next();
            if (frame instanceof ServerFrame.Message message) {
                seqs.add(message.data().seq());
            } else if (frame instanceof ServerFrame.JoinedRoom joinedRoom) {
                joined = true;
                assertThat(joinedRoom.data().lastSeq()).as("replay ends at last_seq")
                        .isEqualTo(seqs.isEmpty() ? 10 : seqs.get(seqs.size() - 1));
            }
        }
        assertThat(joined).isTrue();
        assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(11, before + during).boxed().toList());
    }

    /** The "seq:client_id" of the first {@code count} messages a client sees, after checking they are 1..count. */
    private static List<String> receivedOrder(TestClient client, int count) {
        List<String> order = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        while (order.size() < count) {
            ServerFrame frame = client.next();
            if (frame instanceof ServerFrame.Message message) {
                seqs.add(message.data().seq());
                order.add(message.data().seq() + ":" + message.data().clientId());
            }
        }
        assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, count).boxed().toList());
        Set<String> unique = new HashSet<>(order);
        assertThat(unique).hasSize(count);
        return order;
    }

    @org.junit.jupiter.api.RepeatedTest(3) // the race it guards against is timing-dependent
    void closeEchoesEveryStoredMessageBeforeSayingGoingAway() {
        server = TestServer.start(dir);
        TestClient alice = server.guestIn("alice", "general");
        int count = 200;
        for (int i = 0; i < count; i++) {
            alice.send(send("general", "m" + i, "c" + i));
        }
        alice.next(ServerFrame.Message.class);
        server.server().close();
        assertThat(alice.awaitClose()).isEqualTo(1001);
        List<Long> echoed = new ArrayList<>(List.of(1L));
        for (ServerFrame frame : alice.unread()) {
            if (frame instanceof ServerFrame.Message message) {
                echoed.add(message.data().seq());
            }
        }
        long stored = server.store().lastSeq(RoomName.of("general"));
        assertThat(stored).isPositive();
        assertThat(echoed).as("every stored message was acknowledged before the close")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, stored).boxed().toList());
    }
}
