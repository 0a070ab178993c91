package dev.confab.server.session;

import dev.confab.protocol.CloseCode;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.FrameCodec;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.ServerConfig;
import dev.confab.server.auth.Authenticator;
import dev.confab.server.bus.MessageBus;
import dev.confab.server.net.MonotonicClock;
import dev.confab.server.net.RequestTarget;
import dev.confab.server.store.MessageStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.java_websocket.WebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat protocol over connections: the transport reports what happens on a socket, this decides what it
 * means. Each connection's frames run in order on its own serial executor over virtual threads, so a slow
 * handler (password hashing, a history read) never stalls the WebSocket threads or other connections.
 */
public final class ChatService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChatService.class);
    /** How long a peer has to answer our close frame before its socket is cut; a live client needs milliseconds. */
    private static final long MAX_CLOSE_GRACE_MILLIS = 2_000;
    private static final long SHUTDOWN_POLL_MILLIS = 5;

    private final ServerConfig config;
    private final Clock clock;
    private final Clock elapsed;
    private final SessionSettings settings;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final RoomHub hub;
    private final Presence presence;
    private final ChatObserver observer;
    private final AuthHandler auth;
    private final RoomHandler rooms;
    private final MessageHandler messages;
    private final Dispatcher dispatcher;
    private final AtomicInteger framesInFlight = new AtomicInteger();
    private volatile boolean shuttingDown;

    private ChatService(ServerConfig config, MessageStore store, Authenticator authenticator, MessageBus bus,
                        Clock clock, String version, ChatObserver observer) {
        this.config = config;
        this.observer = observer;
        this.clock = clock;
        // Deadlines and intervals (sign-in, heartbeat, pings, close grace, rate limits) are elapsed time, which a
        // stepped wall clock would fake: one jump of 12 s once cut dozens of connections that were signing in.
        this.elapsed = MonotonicClock.start();
        FrameCodec codec = FrameCodec.withMaxFrameChars(config.limits().maxMessageBytes());
        var limits = config.limits();
        this.settings = new SessionSettings(codec, clock, elapsed, handlers, handlers, limits.maxQueuedBytes(),
                limits.framesPerSecond(), limits.frameBurst(), limits.rateLimitStrikes(), limits.joinsPerSecond(),
                limits.joinBurst(), observer);
        this.presence = new Presence(limits.maxConnectionsPerUser());
        this.hub = new RoomHub(bus, presence, codec, observer);
        ChatContext ctx = new ChatContext(config, new ServerFrame.ServerInfo(config.name(), version), codec, clock,
                store, authenticator, presence, hub);
        this.rooms = new RoomHandler(ctx);
        this.auth = new AuthHandler(ctx, rooms);
        this.messages = new MessageHandler(ctx);
        this.dispatcher = new Dispatcher(ctx, auth, rooms, messages);
    }

    /** A service over these seams; {@code version} is shown to clients. */
    public static ChatService create(ServerConfig config, MessageStore store, Authenticator authenticator,
                                     MessageBus bus, Clock clock, String version) {
        return create(config, store, authenticator, bus, clock, version, ChatObserver.NONE);
    }

    /** A service over these seams that reports to {@code observer}. */
    public static ChatService create(ServerConfig config, MessageStore store, Authenticator authenticator,
                                     MessageBus bus, Clock clock, String version, ChatObserver observer) {
        return new ChatService(config, store, authenticator, bus, clock, version, observer);
    }

    /** Waits, at most {@code timeoutMillis}, until every closed connection has left its rooms. */
    public boolean awaitConnectionsGone(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!sessions.isEmpty()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return true;
    }

    /** Users signed in on this node, each counted once. */
    public int onlineCount() {
        return presence.onlineCount();
    }

    /** Users present in rooms on this node, counted once per room. */
    public int memberCount() {
        return presence.memberCount();
    }

    /**
     * A connection finished its handshake: greet it or check its token. Runs on a WebSocket decoder thread, before
     * any frame of the connection is decoded.
     */
    public Session opened(WebSocket connection, RequestTarget target) {
        Session session = new Session(connection, target, settings);
        sessions.add(session);
        if (target.token() == null) {
            // The greeting cannot block, so it is sent right here: queued behind the upgrade response, both leave
            // in one write and one turn of the selector, and no virtual thread starts for it. Frames the client
            // sends after it are handled on the strand, so they are answered after the hello, as before.
            guarded(session, () -> auth.opened(session));
        } else {
            // Checking a token reads the accounts: off the decoder thread.
            session.strand().execute(() -> guarded(session, () -> auth.opened(session)));
        }
        return session;
    }

    /** A text frame arrived; runs on a WebSocket decoder thread, so only the rate limit is checked here. */
    public void text(Session session, String text) {
        session.heardFrom();
        if (session.requestsWithoutReading() || session.closeRequestedAt() != 0) {
            // Frames still arriving after the close began are ignored: no answers, and one log line per abuser.
            return;
        }
        // Counted before the shutdown flag is read, so that a graceful stop waits for every frame it let through.
        framesInFlight.incrementAndGet();
        if (shuttingDown) {
            framesInFlight.decrementAndGet();
            session.error(null, null, ErrorCode.INTERNAL_ERROR,
                    "The server is shutting down; send this again after reconnecting.");
            return;
        }
        switch (session.admitFrame()) {
            case ALLOWED -> session.strand().execute(() -> {
                try {
                    if (session.closeRequestedAt() != 0) {
                        return; // queued before the close began: ignored like the frames after it
                    }
                    guarded(session, () -> dispatcher.onText(session, text));
                } finally {
                    framesInFlight.decrementAndGet();
                }
            });
            case REJECTED -> {
                framesInFlight.decrementAndGet();
                session.error(null, null, ErrorCode.RATE_LIMITED, "Too many frames; slow down (at most "
                        + config.limits().framesPerSecond() + " per second).");
            }
            case ABUSIVE -> {
                framesInFlight.decrementAndGet();
                LOG.info("{} kept sending after being rate limited; closing it", session);
                session.close(CloseCode.RATE_LIMITED, "rate limit exceeded");
            }
        }
    }

    /** A binary frame arrived: the protocol is text only. */
    public void binary(Session session) {
        session.heardFrom();
        session.error(null, null, ErrorCode.INVALID_JSON, "Frames must be text: one JSON object each.");
    }

    /** A pong (or anything else) showed the client is alive. */
    public void heardFrom(Session session) {
        session.heardFrom();
    }

    /**
     * The connection is closed (with {@code closeCode}, see {@link ChatObserver#connectionClosed}): after its
     * pending frames, its user leaves the rooms this was their last link to.
     */
    public void closed(Session session, int closeCode) {
        observer.connectionClosed(Duration.ofMillis(Math.max(0, elapsed.millis() - session.openedAt())), closeCode);
        session.strand().execute(() -> {
            try {
                session.identity().ifPresent(who -> rooms.disconnected(session, who));
            } catch (RuntimeException e) {
                LOG.error("Cleaning up after {} failed", session, e);
            } finally {
                sessions.remove(session);
            }
        });
    }

    /** Enforces the sign-in deadline, token expiry and the heartbeat; called every housekeeping interval. */
    public void housekeeping() {
        long now = elapsed.millis();
        long wallNow = clock.millis(); // token expiry is a date
        var timeouts = config.timeouts();
        long closeGrace = Math.min(MAX_CLOSE_GRACE_MILLIS, timeouts.pingInterval().toMillis());
        for (Session session : sessions) {
            if (session.closeRequestedAt() != 0) {
                if (now - session.closeRequestedAt() > closeGrace) {
                    session.closeUnanswered();
                }
            } else if (!session.signedIn() && now - session.openedAt() > timeouts.auth().toMillis()) {
                LOG.info("{} did not sign in within {}", session, timeouts.auth());
                session.close(CloseCode.AUTH_FAILED, "sign-in timed out");
            } else if (wallNow > session.signInExpiresAt()) {
                // No refresh in the protocol: the client reconnects, its token is refused, and it signs in again.
                LOG.info("{}: its sign-in token expired; closing it", session);
                session.close(CloseCode.AUTH_FAILED, "token expired; sign in again");
            } else if (now - session.lastHeardFrom() > timeouts.heartbeat().toMillis()) {
                LOG.info("{} was silent for {}; dropping it", session, timeouts.heartbeat());
                session.close(CloseCode.HEARTBEAT_TIMEOUT, "heartbeat timeout");
            } else if (now - session.lastPinged() >= timeouts.pingInterval().toMillis()) {
                session.ping();
            }
        }
    }

    /** Open connections (signed in or not); a closed one counts until its user has left its rooms. */
    public int connectionCount() {
        return sessions.size();
    }

    /**
     * Stops taking frames (each is answered with an error) and waits, at most {@code timeoutMillis}, until every
     * write accepted so far is stored and echoed, or failed and answered. True when all finished in time.
     */
    public boolean stopTakingFrames(long timeoutMillis) throws InterruptedException {
        shuttingDown = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        // Frames let through may still start writes, and writes end on the store's thread: poll both until idle.
        while (framesInFlight.get() > 0 || messages.writesInFlight() > 0) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(SHUTDOWN_POLL_MILLIS);
        }
        return true;
    }

    /** One failing frame closes its own connection (4500), never the server. */
    private void guarded(Session session, Runnable handler) {
        try {
            handler.run();
        } catch (RuntimeException e) {
            LOG.error("Handling a frame of {} failed; closing that connection", session, e);
            session.close(CloseCode.INTERNAL_ERROR, "internal server error");
        }
    }

    @Override
    public void close() {
        hub.close();
        handlers.shutdown();
    }
}
