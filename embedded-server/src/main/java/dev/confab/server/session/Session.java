package dev.confab.server.session;

import dev.confab.protocol.CloseCode;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.FrameCodec;
import dev.confab.protocol.RoomName;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.auth.Identity;
import dev.confab.server.bus.RoomEvent;
import dev.confab.server.net.RequestTarget;
import dev.confab.server.net.SharedTextFrame;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.WebSocket;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.jspecify.annotations.Nullable;

/**
 * One connection: who it is, which rooms it is in, its rate limit and its bounded output. Frames from the client
 * are handled one at a time on {@link #strand()}; room events arrive from any thread through
 * {@link #deliver(RoomEvent, SharedTextFrame)}.
 */
public final class Session {
    private static final AtomicLong IDS = new AtomicLong();
    /**
     * Makes {@link #key()} unique across the nodes of a cluster (random, once per process), so that a session's key
     * is that and its id: a random UUID per connection cost a {@code SecureRandom} read on every connect.
     */
    private static final String NODE_KEY = UUID.randomUUID().toString();
    /** Events held back while a join replays history; more than this means the room outruns the replay. */
    private static final int MAX_HELD_EVENTS = 10_000;

    private final long id = IDS.incrementAndGet();
    private final String key = NODE_KEY + ':' + id;
    private final WebSocket connection;
    private final Outbox outbox;
    private final RequestTarget target;
    private final FrameCodec codec;
    private final ChatObserver observer;
    /** Dates frames. */
    private final Clock clock;
    /** Deadlines and rates (monotonic, see {@link SessionSettings}). */
    private final Clock elapsed;
    private final Executor closer;
    private final SerialExecutor strand;
    private final RateLimiter rateLimiter;
    private final RateLimiter roomChangeLimiter;
    private final long openedAt;
    private final Map<RoomName, RoomGate> rooms = new ConcurrentHashMap<>();
    private volatile @Nullable Identity identity;
    /** When the token this connection holds stops being accepted; the connection closes (4401) after it. */
    private volatile long signInExpiresAt = Long.MAX_VALUE;
    private volatile long lastHeardFrom;
    private volatile long lastPinged;
    private volatile long closeRequestedAt;
    private volatile CloseCode closeCode = CloseCode.NORMAL;
    private int failedSignIns;

    Session(WebSocket connection, RequestTarget target, SessionSettings settings) {
        this.connection = connection;
        this.outbox = new Outbox(id, connection, settings.maxQueuedBytes(), settings.closer());
        this.target = target;
        this.codec = settings.codec();
        this.observer = settings.observer();
        this.clock = settings.clock();
        this.elapsed = settings.elapsed();
        this.closer = settings.closer();
        this.strand = new SerialExecutor(settings.handlers());
        this.rateLimiter = new RateLimiter(elapsed, settings.framesPerSecond(), settings.frameBurst(),
                settings.rateLimitStrikes());
        this.roomChangeLimiter = new RateLimiter(elapsed, settings.joinsPerSecond(), settings.joinBurst(),
                settings.rateLimitStrikes());
        this.openedAt = elapsed.millis();
        this.lastHeardFrom = openedAt;
        this.lastPinged = openedAt;
    }

    /** A number naming the connection in logs. */
    public long id() {
        return id;
    }

    /** A name of this connection that is unique across server nodes (room events may exclude it). */
    String key() {
        return key;
    }

    RequestTarget target() {
        return target;
    }

    String remoteAddress() {
        var address = connection.getRemoteSocketAddress();
        return address == null ? "unknown" : address.getAddress().getHostAddress();
    }

    Executor strand() {
        return strand;
    }

    RateLimiter.Verdict admitFrame() {
        return rateLimiter.acquire();
    }

    /** A {@code join_room} or {@code leave_room}: counted against their own, lower rate. */
    RateLimiter.Verdict admitRoomChange() {
        return roomChangeLimiter.acquire();
    }

    Optional<Identity> identity() {
        return Optional.ofNullable(identity);
    }

    boolean signedIn() {
        return identity != null;
    }

    /** Signed in as {@code who} until {@code acceptedUntil}, when the token it was given stops working. */
    void signedIn(Identity who, Instant acceptedUntil) {
        signInExpiresAt = acceptedUntil.toEpochMilli();
        identity = who;
    }

    /** A new token (after {@code change_password}) extends the sign-in to its expiry. */
    void renewed(Instant acceptedUntil) {
        signInExpiresAt = acceptedUntil.toEpochMilli();
    }

    /** Epoch milliseconds after which this connection's sign-in has expired; {@code Long.MAX_VALUE} before it. */
    long signInExpiresAt() {
        return signInExpiresAt;
    }

    /** Counts a failed sign-in; returns how many there have been on this connection. */
    int failedSignIn() {
        return ++failedSignIns;
    }

    long openedAt() {
        return openedAt;
    }

    void heardFrom() {
        lastHeardFrom = elapsed.millis();
    }

    long lastHeardFrom() {
        return lastHeardFrom;
    }

    long lastPinged() {
        return lastPinged;
    }

    void ping() {
        lastPinged = elapsed.millis();
        try {
            connection.sendPing();
        } catch (WebsocketNotConnectedException e) {
            // Closed meanwhile; the close callback cleans up.
        }
    }

    boolean isOpen() {
        return connection.isOpen();
    }

    long closeRequestedAt() {
        return closeRequestedAt;
    }

    /** Ends a polite close the peer did not answer. */
    void closeUnanswered() {
        closeNow(closeCode, "close not answered");
    }

    // ----- output

    /**
     * Sends a direct answer. Answers may pass the output bound (the client asked for them, and a replay can be
     * megabytes), up to what {@link Outbox} allows.
     */
    void reply(ServerFrame frame) {
        outbox.answer(codec.encode(frame));
    }

    void error(@Nullable RoomName room, @Nullable String replyTo, ErrorCode code, String message) {
        observer.errorSent(code);
        reply(new ServerFrame.ErrorFrame(room, replyTo, Instant.now(clock), new ServerFrame.Problem(code, message)));
    }

    /** See {@link Outbox#requestsWithoutReading()}. */
    boolean requestsWithoutReading() {
        return outbox.requestsWithoutReading();
    }

    // ----- rooms

    Set<RoomName> rooms() {
        return Set.copyOf(rooms.keySet());
    }

    boolean inRoom(RoomName room) {
        return rooms.containsKey(room);
    }

    /** True when in the room; otherwise answers {@code not_in_room}. */
    boolean requireRoom(RoomName room, @Nullable String requestId) {
        if (rooms.containsKey(room)) {
            return true;
        }
        error(room, requestId, ErrorCode.NOT_IN_ROOM, "Join " + room + " first.");
        return false;
    }

    /** Starts (or restarts) a join: room events are held back until {@link #finishJoin}. */
    void beginJoin(RoomName room) {
        RoomGate gate = rooms.computeIfAbsent(room, r -> new RoomGate());
        synchronized (gate) {
            gate.live = false;
        }
    }

    /** Sends what was held back during the join, except messages the replay or history already covers. */
    void finishJoin(RoomName room, long lastSeq) {
        RoomGate gate = rooms.get(room);
        if (gate == null) {
            return;
        }
        synchronized (gate) {
            gate.coveredUpTo = lastSeq;
            for (Held held : gate.held) {
                if (gate.wanted(held.seq())) {
                    outbox.push(held.frame());
                }
            }
            gate.held.clear();
            gate.live = true;
        }
    }

    void leave(RoomName room) {
        rooms.remove(room);
    }

    /** A room event for this connection; dropped if the connection is no longer in that room. */
    void deliver(RoomEvent event, SharedTextFrame frame) {
        RoomGate gate = rooms.get(event.room());
        if (gate == null) {
            return;
        }
        synchronized (gate) {
            if (gate.live) {
                if (gate.wanted(event.seq())) {
                    outbox.push(frame);
                }
            } else if (gate.held.size() < MAX_HELD_EVENTS) {
                gate.held.add(new Held(event.seq(), frame));
            } else {
                closeNow(CloseCode.SLOW_CONSUMER, "slow consumer: too many events during join");
            }
        }
    }

    // ----- closing

    /** Closes politely: a close frame with the code, then the client answers. */
    void close(CloseCode code, String reason) {
        if (closeRequestedAt == 0) {
            closeCode = code;
            closeRequestedAt = elapsed.millis();
        }
        closer.execute(() -> connection.close(code.code(), reason));
    }

    /** Closes at once, without waiting behind queued output or for the client's answer. */
    void closeNow(CloseCode code, String reason) {
        outbox.cutNow(code, reason);
    }

    @Override
    public String toString() {
        Identity who = identity;
        return "Session#" + id + (who == null ? "" : "[" + who.username() + "]");
    }

    private static final class RoomGate {
        private boolean live = true;
        private final List<Held> held = new ArrayList<>();
        /**
         * The last seq the join covered (replayed, or named as {@code last_seq}). A message committed before the
         * join read the store can still be on its way here (broadcasts leave after their commit, on another
         * thread), during the join or after it; its copy is a duplicate either way.
         */
        private long coveredUpTo;

        /** Whether an event is new to the client: any frame but a message, or a message after the join's cover. */
        boolean wanted(long seq) {
            return seq == 0 || seq > coveredUpTo;
        }
    }

    private record Held(long seq, SharedTextFrame frame) {
    }
}
