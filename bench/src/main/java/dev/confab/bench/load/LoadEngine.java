package dev.confab.bench.load;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The load generator: a fixed set of selector threads (never one per connection) driving many WebSocket
 * connections. Scenarios open connections, join rooms, then run phases of scheduled sends; each phase has a number
 * carried in every message, so a straggler from an earlier phase is counted as stale rather than as a delivery.
 */
public final class LoadEngine implements AutoCloseable {
    private final EngineConfig config;
    private final Map<Integer, String> received = new ConcurrentHashMap<>();
    private volatile List<String> toPresent = List.of();
    private final Stats stats = new Stats();
    private final List<IoLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Map<Integer, Conn> conns = new ConcurrentHashMap<>();
    private volatile int phase;
    private volatile boolean retryBusy;
    private volatile SendPlan.@Nullable WindowTracker window;
    private int opened;

    private LoadEngine(EngineConfig config) throws IOException {
        this.config = config;
        int perLoop = Math.max(1, config.maxInFlight() / config.ioThreads());
        for (int i = 0; i < config.ioThreads(); i++) {
            IoLoop loop = new IoLoop(this, perLoop);
            loops.add(loop);
            Thread thread = new Thread(loop, "load-io-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    /** Starts the selector threads. */
    public static LoadEngine create(EngineConfig config) throws IOException {
        return new LoadEngine(config);
    }

    public EngineConfig config() {
        return config;
    }

    public Stats stats() {
        return stats;
    }

    int phase() {
        return phase;
    }

    boolean retryBusy() {
        return retryBusy;
    }

    /**
     * Whether a message the server refuses as busy ({@code internal_error} answering its id) is sent again after
     * 250 ms, as a real client would; off by default, so a refusal counts as a failure.
     */
    public void retryBusy(boolean enabled) {
        retryBusy = enabled;
    }

    SendPlan.@Nullable WindowTracker window() {
        return window;
    }

    void register(Conn c) {
        conns.put(c.index, c);
    }

    Conn conn(int index) {
        Conn c = conns.get(index);
        if (c == null) {
            throw new IllegalArgumentException("no connection " + index);
        }
        return c;
    }

    private IoLoop loopOf(int index) {
        return loops.get(index % loops.size());
    }

    /** Connection {@code i} of this engine presents {@code tokens.get(i)} ({@link EngineConfig.Auth#TOKEN}). */
    public void presentTokens(List<String> tokens) {
        toPresent = List.copyOf(tokens);
    }

    String tokenToPresent(int index) {
        return toPresent.get(index);
    }

    void tokenReceived(int index, String token) {
        received.put(index, token);
    }

    /** The session tokens the server gave these connections, in their order (a connection without one is left out). */
    public List<String> receivedTokens(List<Integer> indices) {
        return indices.stream().map(received::get).filter(Objects::nonNull).toList();
    }

    /** How many connections were asked for so far; connection indices are 0 until this. */
    public int opened() {
        return opened;
    }

    /**
     * Opens {@code count} more connections and waits until each is ready or failed, or {@code timeout} passes.
     *
     * @return the indices of the new connections
     */
    public List<Integer> connect(int count, Duration timeout) {
        List<List<Integer>> perLoop = new ArrayList<>();
        loops.forEach(l -> perLoop.add(new ArrayList<>()));
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = opened++;
            indices.add(index);
            perLoop.get(index % loops.size()).add(index);
        }
        long target = stats.ready() + stats.connectFailures() + count;
        for (int i = 0; i < loops.size(); i++) {
            IoLoop loop = loops.get(i);
            List<Integer> mine = perLoop.get(i);
            loop.submit(() -> loop.open(mine));
        }
        await(() -> stats.ready() + stats.connectFailures() >= target, timeout);
        return indices;
    }

    /**
     * Sends {@code join_room} for each connection's rooms, {@link EngineConfig#maxInFlight} connections at a time
     * (as connects are), and waits for every {@code joined_room}; false after {@code timeout}, or at once when the
     * server answers a join with an error (a failed join would otherwise be waited for until the timeout).
     */
    public boolean join(Map<Integer, List<String>> roomsByConn, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long errors0 = stats.errors();
        List<Map.Entry<Integer, List<String>>> all = List.copyOf(roomsByConn.entrySet());
        for (int from = 0; from < all.size(); from += config.maxInFlight()) {
            long expected = stats.joined();
            for (Map.Entry<Integer, List<String>> e : all.subList(from, Math.min(all.size(),
                    from + config.maxInFlight()))) {
                expected += e.getValue().size();
                IoLoop loop = loopOf(e.getKey());
                Conn c = conn(e.getKey());
                List<String> rooms = List.copyOf(e.getValue());
                loop.submit(() -> {
                    c.rooms = rooms;
                    loop.traffic().join(c);
                });
            }
            long target = expected;
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            await(() -> stats.joined() >= target || stats.errors() > errors0, left);
            if (stats.joined() < target || stats.errors() > errors0) {
                return false;
            }
        }
        return true;
    }

    /** Waits until no frame has arrived for {@code quiet}, at most {@code timeout}: the join fan-out is over. */
    public boolean awaitQuiet(Duration quiet, Duration timeout) {
        long quietNanos = quiet.toNanos();
        return await(() -> System.nanoTime() - stats.lastReceiveNanos() > quietNanos, timeout);
    }

    /**
     * Starts a new phase with these plans; everything sent from now carries the new phase number. The previous
     * phase's latencies are discarded.
     */
    public void startPhase(List<SendPlan> plans, SendPlan.@Nullable WindowTracker tracker) {
        phase++;
        window = tracker;
        stats.reset(Stats.Kind.LATENCY, Stats.Kind.ECHO, Stats.Kind.RTT);
        long start = System.nanoTime() + Duration.ofMillis(20).toNanos();
        List<List<SendPlan>> perLoop = new ArrayList<>();
        loops.forEach(l -> perLoop.add(new ArrayList<>()));
        for (SendPlan plan : plans) {
            perLoop.get(plan.conn() % loops.size()).add(plan);
        }
        for (int i = 0; i < loops.size(); i++) {
            IoLoop loop = loops.get(i);
            List<SendPlan> mine = perLoop.get(i);
            loop.submit(() -> loop.install(mine, start));
        }
    }

    /** Waits for {@code condition}, polling, at most {@code timeout}; true when it held. */
    public static boolean await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        loops.forEach(IoLoop::stop);
        for (Thread t : threads) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
