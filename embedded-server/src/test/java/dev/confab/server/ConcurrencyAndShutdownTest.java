package dev.confab.server;

import static dev.confab.server.testing.Frames.send;
import static org.assertj.core.api.Assertions.assertThat;

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
                        client.send(send("general", "from " + sender + " #" + m, sender + "-" + m));
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

    @Test
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
