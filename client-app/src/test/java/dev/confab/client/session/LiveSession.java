package dev.confab.client.session;

import dev.confab.client.net.ChatConnection;
import dev.confab.client.net.ConnectionConfig;
import dev.confab.client.net.ServerAddress;
import dev.confab.client.settings.ReadPositions;
import dev.confab.protocol.FrameCodec;
import dev.confab.protocol.RoomName;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The app's real {@link ChatSession} over a real {@link ChatConnection} to a port on loopback, as a guest, with
 * what the UI would have seen of it: the latest timeline of each room, how often it signed in, and every status
 * change with the moment it came.
 */
final class LiveSession implements AutoCloseable {
    /** A status as the UI got it, and when. */
    record Status(SessionStatus status, Instant at) {
    }

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final Map<RoomName, List<ChatLine>> timelines = new ConcurrentHashMap<>();
    private final List<Status> statuses = new CopyOnWriteArrayList<>();
    private final AtomicInteger signedIn = new AtomicInteger();
    private final FileOutbox outbox;
    private final ChatSession session;

    private LiveSession(int port, ConnectionConfig config, Path dir) {
        outbox = FileOutbox.open(dir.resolve("outbox.properties"));
        session = ChatConnection.create(ServerAddress.of("127.0.0.1", port), config, FrameCodec.forClient(),
                Clock.systemUTC(), new SecureRandom(),
                connection -> ChatSession.create(connection, outbox, new NoTokens(),
                        ReadPositions.open(dir.resolve("read.properties"), timers, Duration.ZERO).forServer("live"),
                        this::record, Clock.systemUTC(), SessionConfig.defaults(), timers, "", List.of()));
    }

    /** Connects and signs in as the guest {@code nickname}; {@link #signedIn()} counts the sign-ins. */
    static LiveSession guest(String nickname, int port, ConnectionConfig config, Path dir) {
        LiveSession live = new LiveSession(port, config, dir);
        live.session.start();
        live.session.signIn(new AuthRequest.Guest(nickname));
        return live;
    }

    ChatSession session() {
        return session;
    }

    FileOutbox outbox() {
        return outbox;
    }

    int signedIn() {
        return signedIn.get();
    }

    /** The room's timeline as last shown; empty before the first. */
    List<ChatLine> timeline(RoomName room) {
        return timelines.getOrDefault(room, List.of());
    }

    /** Whether the room's timeline has been shown at all (it is, first, when the room is joined). */
    boolean shown(RoomName room) {
        return timelines.containsKey(room);
    }

    List<Status> statuses() {
        return List.copyOf(statuses);
    }

    private void record(SessionEvent event) {
        switch (event) {
            case SessionEvent.SignedIn in -> signedIn.incrementAndGet();
            case SessionEvent.TimelineChanged timeline -> timelines.put(timeline.room(), timeline.lines());
            case SessionEvent.StatusChanged changed -> statuses.add(new Status(changed.status(), Instant.now()));
            default -> { }
        }
    }

    @Override
    public void close() {
        session.close();
        timers.shutdownNow();
    }

    private static final class NoTokens implements TokenSink {
        @Override
        public void store(String username, String token) {
            // The connection keeps the token it was given; nothing to persist here.
        }

        @Override
        public void forget() {
            // Nothing stored.
        }
    }
}
