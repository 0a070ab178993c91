package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.Decoded;
import dev.confab.protocol.FrameCodec;
import dev.confab.protocol.RoomName;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.testing.PipelinedSender;
import dev.confab.server.testing.RawWebSocket;
import dev.confab.server.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * R8, a reconnect storm: {@value #CLIENTS} guests signed in across {@value #ROOMS} rooms, {@value #PER_ROOM}
 * messages in each room, the server restarted on the same port and data directory, and then every client at once
 * reconnects with its token and re-joins its room with {@code since}. Each client is a plain socket on a virtual
 * thread (the library's client costs a thread or two each).
 *
 * <p>The {@code since} of the clients is spread from 0 to the newest seq, so the catch-ups range from nothing to
 * more than the replay limit ({@value #REPLAY_LIMIT} here, 500 by default): each must be exactly the messages after
 * its {@code since}, at most the limit of them, with {@code has_more} when more remain. The 60 s is a correctness
 * bound; the catch-up times are logged (speed targets live in the benchmarks).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ReconnectStormTest {
    private static final Logger LOG = LoggerFactory.getLogger(ReconnectStormTest.class);
    private static final FrameCodec CODEC = FrameCodec.create();
    private static final int CLIENTS = 500;
    private static final int ROOMS = 5;
    private static final int PER_ROOM = 80;
    private static final int REPLAY_LIMIT = 50;
    private static final Duration ALL_RECONNECTED = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** What one client got back on reconnecting. */
    private record CatchUp(List<Long> seqs, ServerFrame.Joined joined, long nanos) {
    }

    @Test
    void fiveHundredClientsReconnectAtOnceAfterARestartAndEachGetsExactlyWhatItMissedUpToTheLimit()
            throws Exception {
        Path data = dir.resolve("server");
        String[] tokens = new String[CLIENTS];
        int port;
        TestServer first = TestServer.start(data, b -> b.replayLimit(REPLAY_LIMIT));
        try {
            port = first.server().port();
            List<RawWebSocket> signedIn = signInEveryone(port, tokens);
            writeMessages(first);
            // A graceful restart with every client still connected: each is sent 1001.
            long stopping = System.nanoTime();
            first.close();
            LOG.info("R8: the first server stopped in {} ms with {} clients connected",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping), signedIn.size());
            for (RawWebSocket socket : signedIn) {
                socket.close();
            }
        } finally {
            first.close();
        }

        try (TestServer second = TestServer.start(data, b -> b.port(port).replayLimit(REPLAY_LIMIT))) {
            long stormStarted = System.nanoTime();
            CatchUp[] results = storm(second, tokens);
            long stormNanos = System.nanoTime() - stormStarted;

            for (int i = 0; i < CLIENTS; i++) {
                long since = since(i);
                long until = Math.min(PER_ROOM, since + REPLAY_LIMIT);
                assertThat(results[i].seqs()).as("replay to client %d (since %d)", i, since)
                        .containsExactlyElementsOf(LongStream.rangeClosed(since + 1, until).boxed().toList());
                assertThat(results[i].joined().hasMore()).as("has_more for client %d (since %d)", i, since)
                        .isEqualTo(until < PER_ROOM);
                assertThat(results[i].joined().lastSeq()).isEqualTo(PER_ROOM);
            }
            assertThat(Arrays.stream(results).filter(r -> r.joined().hasMore())).as("catch-ups cut at the limit")
                    .isNotEmpty();
            long[] millis = Arrays.stream(results).mapToLong(r -> TimeUnit.NANOSECONDS.toMillis(r.nanos()))
                    .sorted().toArray();
            Runtime runtime = Runtime.getRuntime();
            LOG.info("R8: {} clients reconnected and caught up in {} ms; catch-up per client p50 {} ms, p99 {} ms, "
                    + "max {} ms ({} replayed messages in all, limit {}); heap used {} MiB of {} MiB max",
                    CLIENTS, TimeUnit.NANOSECONDS.toMillis(stormNanos), percentile(millis, 50),
                    percentile(millis, 99), millis[millis.length - 1],
                    Arrays.stream(results).mapToInt(r -> r.seqs().size()).sum(), REPLAY_LIMIT,
                    (runtime.totalMemory() - runtime.freeMemory()) >> 20, runtime.maxMemory() >> 20);
        }
    }

    private static String name(int client) {
        return "storm" + client;
    }

    private static RoomName room(int client) {
        return RoomName.of("room" + client % ROOMS);
    }

    /** Spread over 0..{@value #PER_ROOM}: some clients missed nothing, some more than the replay limit. */
    private static long since(int client) {
        return (client / ROOMS) % (PER_ROOM + 1);
    }

    /** Every client signs in as a guest, joins its room and keeps its token; the sockets stay open. */
    private static List<RawWebSocket> signInEveryone(int port, String[] tokens) throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<RawWebSocket>> opened = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                int client = i;
                opened.add(threads.submit(() -> {
                    RawWebSocket socket = RawWebSocket.open(port, "/ws");
                    assertThat(socket.nextText()).contains("\"type\":\"hello\"");
                    socket.sendText(CODEC.encode(new ClientFrame.Login("in",
                            new ClientFrame.Credentials(name(client), null))));
                    tokens[client] = next(socket, ServerFrame.Connected.class).data().token();
                    socket.sendText(CODEC.encode(new ClientFrame.JoinRoom("j", room(client), null)));
                    next(socket, ServerFrame.JoinedRoom.class);
                    return socket;
                }));
            }
            List<RawWebSocket> sockets = new ArrayList<>();
            for (Future<RawWebSocket> socket : opened) {
                sockets.add(socket.get(60, TimeUnit.SECONDS));
            }
            return sockets;
        }
    }

    /** {@value #PER_ROOM} messages into each room, pipelined, all acknowledged. */
    private static void writeMessages(TestServer server) throws Exception {
        Map<String, Long> acknowledged = PipelinedSender.newAckMap();
        Map<String, Integer> echoes = new ConcurrentHashMap<>();
        URI uri = URI.create("ws://127.0.0.1:" + server.server().port());
        List<PipelinedSender> senders = new ArrayList<>();
        for (int r = 0; r < ROOMS; r++) {
            String room = "room" + r;
            PipelinedSender sender = new PipelinedSender(uri, room, "writer" + r, 20, acknowledged, echoes);
            senders.add(sender);
            sender.sendAll(IntStream.range(0, PER_ROOM).mapToObj(i -> room + "-" + i).toList(), room);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() == ROOMS * PER_ROOM);
        for (PipelinedSender sender : senders) {
            assertThat(sender.problems()).isEmpty();
            sender.closeBlocking();
        }
    }

    /**
     * All clients at once: each reconnects with its token, re-joins with since and reads up to joined_room. The
     * sockets stay open until every client is through, so all {@value #CLIENTS} are connected together at the end.
     */
    private static CatchUp[] storm(TestServer server, String[] tokens) throws Exception {
        int port = server.server().port();
        CatchUp[] results = new CatchUp[CLIENTS];
        List<RawWebSocket> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch ready = new CountDownLatch(CLIENTS);
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                int client = i;
                done.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    long started = System.nanoTime();
                    RawWebSocket socket = RawWebSocket.open(port, "/ws?token=" + tokens[client]);
                    sockets.add(socket);
                    assertThat(next(socket, ServerFrame.Connected.class).data().username()).isEqualTo(name(client));
                    socket.sendText(CODEC.encode(new ClientFrame.JoinRoom("j", room(client),
                            new ClientFrame.JoinOptions(since(client)))));
                    List<Long> seqs = new ArrayList<>();
                    while (true) {
                        ServerFrame frame = decode(socket.nextText());
                        if (frame instanceof ServerFrame.Message m) {
                            seqs.add(m.data().seq());
                        } else if (frame instanceof ServerFrame.JoinedRoom j) {
                            results[client] = new CatchUp(seqs, j.data(), System.nanoTime() - started);
                            return null;
                        }
                    }
                }));
            }
            try {
                assertThat(ready.await(30, TimeUnit.SECONDS)).as("all clients ready").isTrue();
                go.countDown();
                long deadline = System.nanoTime() + ALL_RECONNECTED.toNanos();
                for (Future<?> client : done) {
                    client.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
                assertThat(server.server().onlineCount()).as("signed in after the storm").isEqualTo(CLIENTS);
            } finally {
                go.countDown();
                for (RawWebSocket socket : sockets) {
                    socket.close();
                }
            }
        }
        return results;
    }

    private static <T extends ServerFrame> T next(RawWebSocket socket, Class<T> type) throws IOException {
        while (true) {
            ServerFrame frame = decode(socket.nextText());
            if (type.isInstance(frame)) {
                return type.cast(frame);
            }
            assertThat(frame).as("frame before %s", type.getSimpleName())
                    .isNotInstanceOf(ServerFrame.ErrorFrame.class);
        }
    }

    private static ServerFrame decode(String text) {
        return switch (CODEC.decodeServer(text)) {
            case Decoded.Ok<ServerFrame> ok -> ok.frame();
            case Decoded.Failed<ServerFrame> failed -> throw new AssertionError("undecodable: " + text);
        };
    }

    private static long percentile(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)];
    }
}
