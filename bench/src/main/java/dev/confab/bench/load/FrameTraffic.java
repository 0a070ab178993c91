package dev.confab.bench.load;

import dev.confab.protocol.Decoded;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.FrameCodec;
import dev.confab.protocol.ServerFrame;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * What a connection sends and how it reads what arrives. Deliveries are found with a byte scan for the mark
 * (the hot path, hundreds of thousands per second); the rare session frames are decoded with the protocol's own
 * {@link FrameCodec}, so a target that answers with the wrong shapes fails instead of being measured.
 */
final class FrameTraffic {
    /**
     * The protocol's codec with a raised size limit: a {@code joined_room} lists every member, which in a room of
     * thousands is far beyond the default 64 KiB frame (a finding of S2, reported in docs/BENCHMARKS.md).
     */
    private static final FrameCodec CODEC = FrameCodec.withMaxFrameChars(16 * 1024 * 1024);
    private static final long RETRY_DELAY_NANOS = 250_000_000L;

    private final LoadEngine engine;
    private final Stats stats;
    private final IoLoop loop;
    private final Stats.Recorders recorders;

    FrameTraffic(LoadEngine engine, IoLoop loop, Stats.Recorders recorders) {
        this.engine = engine;
        this.stats = engine.stats();
        this.loop = loop;
        this.recorders = recorders;
    }

    void onText(Conn c, byte[] buf, int off, int len) {
        long now = System.nanoTime();
        stats.lastReceiveNanos = now;
        String type = Marker.typeOf(buf, off, len);
        switch (type) {
            case "message" -> onMessage(c, buf, off, len, now);
            case "history" -> onHistory(c, buf, off, len, now);
            case "hello", "connected", "joined_room", "error" -> onSessionFrame(c, text(buf, off, len));
            default -> stats.otherFrames.increment();
        }
    }

    private void onMessage(Conn c, byte[] buf, int off, int len, long now) {
        Marker.Mark mark = Marker.find(buf, off, len);
        if (mark == null) {
            stats.otherFrames.increment();
            return;
        }
        if (mark.phase() != engine.phase()) {
            stats.stale.increment();
            return;
        }
        long micros = IoLoop.micros(now - mark.intendedNanos());
        stats.delivered.increment();
        recorders.record(Stats.Kind.LATENCY, micros);
        if (mark.sender() == c.index) {
            stats.echoes.increment();
            recorders.record(Stats.Kind.ECHO, micros);
        }
        SendPlan.WindowTracker window = engine.window();
        if (window != null && mark.n() < window.remaining.length()
                && window.remaining.decrementAndGet((int) mark.n()) == 0) {
            recorders.record(Stats.Kind.RTT, micros);
            window.completed.incrementAndGet();
            IoLoop sender = window.senderLoop;
            if (sender != null) {
                sender.wakeup();
            }
        }
    }

    /**
     * A history reply is 12 KB of JSON (50 messages): decoding every one with Jackson on the selector thread cost
     * the generator milliseconds per reply (most of S8's measured latency, docs/BENCHMARKS.md), and delayed the
     * sends and reads of its other connections. So each connection's first reply is decoded in full (the shape
     * check, in the warm-up), and the rest are read with a byte scan for their request id and a non-empty page.
     * Checking the first reply of every phase again put those decodes, still cold in a young generator, at the
     * start of the measured phase: they delayed that loop's next sends by up to 14 ms in a quick S8.
     */
    private void onHistory(Conn c, byte[] buf, int off, int len, long now) {
        if (c.historyChecked) {
            onHistoryReply(c, Marker.replyTo(buf, off, len), Marker.hasMessages(buf, off, len), now);
            return;
        }
        switch (CODEC.decodeServer(text(buf, off, len))) {
            case Decoded.Failed<ServerFrame> failed -> stats.problem("bad history frame: " + failed.error().message());
            case Decoded.Ok<ServerFrame> ok -> {
                switch (ok.frame()) {
                    case ServerFrame.History history -> {
                        c.historyChecked = true;
                        onHistoryReply(c, history.replyTo(), !history.data().messages().isEmpty(), now);
                    }
                    default -> stats.otherFrames.increment();
                }
            }
        }
    }

    /** Counts a reply to query {@code q<phase>.<n>} of this phase; one of an earlier phase is stale. */
    private void onHistoryReply(Conn c, @Nullable String replyTo, boolean hasMessages, long now) {
        Marker.Mark query = replyTo == null || !replyTo.startsWith("q") ? null : Marker.parseQueryId(replyTo);
        if (query == null) {
            stats.otherFrames.increment();
            return;
        }
        if (query.phase() != engine.phase()) {
            stats.stale.increment();
            return;
        }
        int n = (int) query.n();
        if (n < c.queryIntended.length) {
            stats.historyReplies.increment();
            recorders.record(Stats.Kind.RTT, IoLoop.micros(now - c.queryIntended[n]));
        }
        if (!hasMessages) {
            stats.problem("history page was empty (reply to " + replyTo + ")");
        }
    }

    private void onSessionFrame(Conn c, String json) {
        switch (CODEC.decodeServer(json)) {
            case Decoded.Failed<ServerFrame> failed -> {
                stats.errors.increment();
                stats.problem("undecodable frame: " + failed.error().message());
            }
            case Decoded.Ok<ServerFrame> ok -> {
                switch (ok.frame()) {
                    case ServerFrame.Hello hello -> {
                        if (c.state == Conn.State.AWAIT_HELLO) {
                            c.state = Conn.State.AWAIT_CONNECTED;
                            loop.sendText(c, "{\"type\":\"login\",\"data\":{\"username\":\"" + c.username + "\"}}");
                        }
                    }
                    case ServerFrame.Connected connected -> {
                        if (c.state == Conn.State.AWAIT_CONNECTED || c.state == Conn.State.AWAIT_HELLO) {
                            engine.tokenReceived(c.index, connected.data().token());
                            loop.becomeReady(c);
                        }
                    }
                    case ServerFrame.JoinedRoom joined -> stats.joined.increment();
                    case ServerFrame.ErrorFrame error -> onError(c, error);
                    default -> stats.otherFrames.increment();
                }
            }
        }
    }

    private void onError(Conn c, ServerFrame.ErrorFrame error) {
        String replyTo = error.replyTo();
        if (engine.retryBusy() && error.data().code() == ErrorCode.INTERNAL_ERROR && error.room() != null
                && replyTo != null && replyTo.startsWith("m")) {
            // "The server is busy and did not store this; send it again in a moment": what a client does.
            stats.retried.increment();
            Marker.Mark mark = Marker.parseId(replyTo);
            if (mark != null && mark.phase() == engine.phase()) {
                loop.retryLater(c, error.room().value(), mark.n(), mark.intendedNanos(), RETRY_DELAY_NANOS);
                return;
            }
        }
        stats.errors.increment();
        stats.problem("error " + error.data().code() + ": " + error.data().error());
    }

    void join(Conn c) {
        for (String room : c.rooms) {
            loop.sendText(c, "{\"type\":\"join_room\",\"room\":\"" + room + "\"}");
        }
    }

    void sendMessage(Conn c, String room, long n, long intendedNanos) {
        if (c.state != Conn.State.READY) {
            return;
        }
        int phase = engine.phase();
        String content = Marker.content(phase, c.index, n, intendedNanos, engine.config().bodyChars());
        loop.sendText(c, "{\"type\":\"send_message\",\"id\":\"" + Marker.id(phase, n, intendedNanos)
                + "\",\"room\":\"" + room + "\",\"data\":{\"content\":\"" + content
                + "\",\"client_id\":\"p" + phase + "-" + c.index + "-" + n + "\"}}");
        stats.sent.increment();
    }

    void sendQuery(Conn c, SendPlan.Queries plan, int n, long intendedNanos) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String room = plan.rooms().get(random.nextInt(plan.rooms().size()));
        long before = 2 + random.nextLong(Math.max(1, plan.lastSeq() - 1));
        c.queryIntended[n] = intendedNanos;
        loop.sendText(c, "{\"type\":\"history\",\"id\":\"" + Marker.queryId(engine.phase(), n) + "\",\"room\":\"" + room
                + "\",\"data\":{\"before\":" + before + ",\"limit\":50}}");
        stats.sent.increment();
    }

    private static String text(byte[] buf, int off, int len) {
        return new String(buf, off, len, StandardCharsets.UTF_8);
    }
}
