package dev.confab.bench.load;

import dev.confab.bench.ws.FrameDecoder;
import dev.confab.bench.ws.FrameEncoder;
import dev.confab.bench.ws.FrameHandler;
import dev.confab.bench.ws.Handshake;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One selector thread: opens its share of the connections, reads and writes all of them, and sends its
 * connections' scheduled messages at their intended times. Other threads talk to it only through
 * {@link #submit(Runnable)}.
 */
final class IoLoop implements Runnable, FrameHandler {
    private static final long IDLE_SELECT_MILLIS = 50;

    private final LoadEngine engine;
    private final Stats stats;
    private final Selector selector;
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(256 * 1024);
    private final ArrayDeque<Integer> toOpen = new ArrayDeque<>();
    private final List<Conn> conns = new ArrayList<>();
    private final PriorityQueue<Slot> schedule = new PriorityQueue<>((a, b) -> Long.compare(a.nextDue, b.nextDue));
    private final List<Slot> windows = new ArrayList<>();
    private final FrameTraffic traffic;
    private final Stats.Recorders recorders;
    private final int maxOpening;
    private int opening;
    private Conn current;
    private volatile boolean running = true;

    IoLoop(LoadEngine engine, int maxOpening) throws IOException {
        this.engine = engine;
        this.stats = engine.stats();
        this.selector = Selector.open();
        this.maxOpening = maxOpening;
        this.recorders = stats.forLoop();
        this.traffic = new FrameTraffic(engine, this, recorders);
    }

    FrameTraffic traffic() {
        return traffic;
    }

    void submit(Runnable command) {
        commands.add(command);
        selector.wakeup();
    }

    void wakeup() {
        selector.wakeup();
    }

    void stop() {
        running = false;
        selector.wakeup();
    }

    /** Called on this loop's thread: queue connections to open, at most {@code maxOpening} at once. */
    void open(List<Integer> indices) {
        toOpen.addAll(indices);
    }

    @Override
    public void run() {
        try {
            while (running) {
                Runnable command;
                while ((command = commands.poll()) != null) {
                    command.run();
                }
                startOpens();
                long now = System.nanoTime();
                sendDue(now);
                long waitNanos = schedule.isEmpty() ? -1 : schedule.peek().nextDue - System.nanoTime();
                if (!windows.isEmpty()) {
                    // A window may be waiting for a sender's rate gap to pass, which no socket event announces.
                    waitNanos = waitNanos < 0 ? TimeUnit.MILLISECONDS.toNanos(1) : Math.min(waitNanos, 1_000_000);
                }
                int ready;
                if (waitNanos < 0 && !schedule.isEmpty()) {
                    ready = selector.selectNow();
                } else if (waitNanos < 0) {
                    ready = selector.select(IDLE_SELECT_MILLIS);
                } else if (waitNanos < TimeUnit.MILLISECONDS.toNanos(1)) {
                    ready = selector.selectNow();
                    if (ready == 0) {
                        LockSupport.parkNanos(Math.min(waitNanos, 100_000));
                    }
                } else {
                    ready = selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos)));
                }
                if (ready > 0) {
                    handleKeys();
                }
            }
        } catch (IOException | RuntimeException e) {
            stats.problem("load generator loop failed: " + e);
        } finally {
            closeAll();
        }
    }

    private void handleKeys() {
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            Conn c = (Conn) key.attachment();
            if (!key.isValid() || c.state == Conn.State.CLOSED) {
                continue;
            }
            try {
                if (key.isConnectable()) {
                    finishConnect(c);
                }
                if (key.isValid() && key.isWritable()) {
                    flush(c);
                }
                if (key.isValid() && key.isReadable()) {
                    read(c);
                }
            } catch (IOException | FrameDecoder.ProtocolException e) {
                fail(c, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    private void startOpens() {
        while (opening < maxOpening && !toOpen.isEmpty()) {
            int index = toOpen.poll();
            opening++;
            try {
                SocketChannel ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                EngineConfig cfg = engine.config();
                String path = cfg.auth() == EngineConfig.Auth.TOKEN
                        ? cfg.path() + "?token=" + engine.tokenToPresent(index) : cfg.path();
                int port = cfg.portFor(index);
                Handshake hs = Handshake.create(cfg.host(), port, path);
                Conn c = new Conn(index, cfg.namePrefix() + index, ch, hs, null);
                c.startNanos = System.nanoTime();
                c.key = ch.register(selector, SelectionKey.OP_CONNECT, c);
                conns.add(c);
                engine.register(c);
                if (ch.connect(new InetSocketAddress(cfg.host(), port))) {
                    finishConnect(c);
                }
            } catch (IOException e) {
                opening--;
                stats.connectFailures.increment();
                stats.problem("connect failed: " + e.getMessage());
            }
        }
    }

    private void finishConnect(Conn c) throws IOException {
        if (!c.channel.finishConnect()) {
            return;
        }
        c.state = Conn.State.UPGRADING;
        c.key.interestOps(SelectionKey.OP_READ);
        write(c, ByteBuffer.wrap(c.handshake.request()));
    }

    private void read(Conn c) throws IOException {
        while (true) {
            readBuffer.clear();
            int n = c.channel.read(readBuffer);
            if (n < 0) {
                fail(c, "server closed the TCP connection");
                return;
            }
            if (n == 0) {
                return;
            }
            readBuffer.flip();
            c.ensureInCapacity(n);
            readBuffer.get(c.in, c.inLen, n);
            c.inLen += n;
            process(c);
            if (c.state == Conn.State.CLOSED || n < readBuffer.capacity()) {
                return;
            }
        }
    }

    private void process(Conn c) {
        if (c.state == Conn.State.UPGRADING) {
            int end = Handshake.headEnd(c.in, c.inLen);
            if (end < 0) {
                if (c.inLen > Handshake.MAX_RESPONSE_BYTES) {
                    fail(c, "upgrade response too large");
                }
                return;
            }
            String head = new String(c.in, 0, end, StandardCharsets.ISO_8859_1);
            switch (c.handshake.verify(head)) {
                case Handshake.Verdict.Rejected rejected -> {
                    fail(c, "handshake rejected: " + rejected.reason());
                    return;
                }
                case Handshake.Verdict.Accepted accepted -> {
                    stats.handshakes.increment();
                    recorders.record(Stats.Kind.HANDSHAKE, micros(System.nanoTime() - c.startNanos));
                }
            }
            c.consume(end);
            switch (engine.config().auth()) {
                case GUEST -> c.state = Conn.State.AWAIT_HELLO;
                case TOKEN -> c.state = Conn.State.AWAIT_CONNECTED;
                case NONE -> becomeReady(c);
            }
        }
        current = c;
        int used = c.decoder.decode(c.in, 0, c.inLen, this);
        if (c.state != Conn.State.CLOSED) {
            c.consume(used);
        }
    }

    void becomeReady(Conn c) {
        c.state = Conn.State.READY;
        opening--;
        stats.ready.increment();
        recorders.record(Stats.Kind.READY, micros(System.nanoTime() - c.startNanos));
    }

    @Override
    public void onText(byte[] buf, int off, int len) {
        traffic.onText(current, buf, off, len);
    }

    @Override
    public void onPing(byte[] payload) {
        write(current, ByteBuffer.wrap(FrameEncoder.frame(FrameEncoder.PONG, payload, 0x5a5a5a5a)));
    }

    @Override
    public void onClose(int code) {
        fail(current, "server closed the WebSocket with " + code);
    }

    void sendText(Conn c, String json) {
        write(c, ByteBuffer.wrap(FrameEncoder.text(json.getBytes(StandardCharsets.UTF_8))));
    }

    private void write(Conn c, ByteBuffer buf) {
        if (c.state == Conn.State.CLOSED) {
            return;
        }
        try {
            if (c.outbox.isEmpty()) {
                c.channel.write(buf);
                if (!buf.hasRemaining()) {
                    return;
                }
                c.key.interestOps(c.key.interestOps() | SelectionKey.OP_WRITE);
            }
            c.outbox.add(buf);
        } catch (IOException e) {
            fail(c, "write failed: " + e.getMessage());
        }
    }

    private void flush(Conn c) throws IOException {
        while (!c.outbox.isEmpty()) {
            ByteBuffer head = c.outbox.peek();
            c.channel.write(head);
            if (head.hasRemaining()) {
                return;
            }
            c.outbox.poll();
        }
        c.key.interestOps(c.key.interestOps() & ~SelectionKey.OP_WRITE);
    }

    void fail(Conn c, String why) {
        if (c.state == Conn.State.CLOSED) {
            return;
        }
        boolean wasOpening = c.state != Conn.State.READY;
        c.state = Conn.State.CLOSED;
        if (wasOpening) {
            opening--;
            stats.connectFailures.increment();
        } else {
            stats.closedByServer.increment();
        }
        stats.problem("connection " + c.index + ": " + why);
        closeQuietly(c);
    }

    /** Installs a phase's sending plans for this loop's connections. */
    void install(List<SendPlan> plans, long startNanos) {
        for (SendPlan plan : plans) {
            Conn c = engine.conn(plan.conn());
            Slot slot = new Slot(plan, c);
            switch (plan) {
                case SendPlan.OpenLoop open -> {
                    slot.nextDue = startNanos + open.offsetNanos();
                    schedule.add(slot);
                }
                case SendPlan.Queries queries -> {
                    c.queryIntended = new long[queries.count()];
                    slot.nextDue = startNanos + queries.offsetNanos();
                    schedule.add(slot);
                }
                case SendPlan.Retry retry -> throw new IllegalArgumentException("retries are not planned");
                case SendPlan.Window window -> {
                    window.window().senderLoop = this;
                    slot.lastSent = new long[window.senders().size()];
                    Arrays.fill(slot.lastSent, Long.MIN_VALUE / 2);
                    windows.add(slot);
                }
            }
        }
    }

    /** Sends message {@code n} of {@code c} again after {@code delayNanos}, keeping its original due time. */
    void retryLater(Conn c, String room, long n, long intendedNanos, long delayNanos) {
        Slot slot = new Slot(new SendPlan.Retry(c.index, room, n, intendedNanos), c);
        slot.nextDue = System.nanoTime() + delayNanos;
        schedule.add(slot);
    }

    private void sendDue(long now) {
        while (!schedule.isEmpty() && schedule.peek().nextDue <= now) {
            Slot slot = schedule.poll();
            long period = switch (slot.plan) {
                case SendPlan.OpenLoop open -> {
                    traffic.sendMessage(slot.conn, open.room(), slot.sent, slot.nextDue);
                    yield open.periodNanos();
                }
                case SendPlan.Queries queries -> {
                    traffic.sendQuery(slot.conn, queries, slot.sent, slot.nextDue);
                    yield queries.periodNanos();
                }
                case SendPlan.Retry retry -> {
                    traffic.sendMessage(slot.conn, retry.room(), retry.n(), retry.intendedNanos());
                    yield 0L;
                }
                case SendPlan.Window window -> throw new IllegalStateException("windows are not scheduled");
            };
            slot.sent++;
            slot.nextDue += period;
            if (slot.sent < slot.total) {
                schedule.add(slot);
            }
        }
        for (Iterator<Slot> it = windows.iterator(); it.hasNext(); ) {
            Slot slot = it.next();
            if (sendWindowed(slot)) {
                it.remove();
            }
        }
    }

    /** Sends what the window allows now; true when the plan is complete. */
    private boolean sendWindowed(Slot slot) {
        SendPlan.Window plan = switch (slot.plan) {
            case SendPlan.Window window -> window;
            case SendPlan.OpenLoop open -> throw new IllegalStateException("not a window");
            case SendPlan.Queries queries -> throw new IllegalStateException("not a window");
            case SendPlan.Retry retry -> throw new IllegalStateException("not a window");
        };
        SendPlan.WindowTracker tracker = plan.window();
        while (slot.sent < slot.total && slot.sent - tracker.completed() < tracker.inFlight) {
            long now = System.nanoTime();
            int pick = -1;
            for (int i = 0; i < plan.senders().size(); i++) {
                int candidate = (slot.nextSender + i) % plan.senders().size();
                if (now - slot.lastSent[candidate] >= plan.minGapNanos()) {
                    pick = candidate;
                    break;
                }
            }
            if (pick < 0) {
                break;
            }
            slot.lastSent[pick] = now;
            slot.nextSender = pick + 1;
            traffic.sendMessage(engine.conn(plan.senders().get(pick)), plan.room(), slot.sent, now);
            slot.sent++;
        }
        return slot.sent >= slot.total;
    }

    private void closeAll() {
        for (Conn c : conns) {
            if (c.state != Conn.State.CLOSED) {
                try {
                    c.channel.write(ByteBuffer.wrap(FrameEncoder.normalClose()));
                } catch (IOException e) {
                    // Closing anyway; the server may already be gone.
                }
                c.state = Conn.State.CLOSED;
                closeQuietly(c);
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            stats.problem("selector close failed: " + e.getMessage());
        }
    }

    private static void closeQuietly(Conn c) {
        try {
            c.channel.close();
        } catch (IOException e) {
            // The socket is going away either way; nothing to recover.
            c.state = Conn.State.CLOSED;
        }
    }

    static long micros(long nanos) {
        return Math.max(0, nanos / 1000);
    }

    private static final class Slot {
        final SendPlan plan;
        final Conn conn;
        final int total;
        long nextDue;
        int sent;
        int nextSender;
        long[] lastSent = new long[0];

        Slot(SendPlan plan, Conn conn) {
            this.plan = plan;
            this.conn = conn;
            this.total = switch (plan) {
                case SendPlan.OpenLoop open -> open.count();
                case SendPlan.Queries queries -> queries.count();
                case SendPlan.Window window -> window.count();
                case SendPlan.Retry retry -> 1;
            };
        }
    }
}
