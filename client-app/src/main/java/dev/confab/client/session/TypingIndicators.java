package dev.confab.client.session;

import dev.confab.client.net.Transport;
import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.RoomName;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * "bob is typing…" both ways: who is typing in each room and until when (the server only says "typing", never
 * "stopped", so each mark runs out on its own), and the throttle on this client's own typing frames. Not
 * thread-safe: the session calls it under its lock, and the expiry timer takes that same lock.
 */
final class TypingIndicators {
    private final Transport transport;
    private final SessionListener listener;
    private final Clock clock;
    private final SessionConfig config;
    private final ScheduledExecutorService timers;
    private final Object lock;
    /** Per room, who is shown typing and until when; in arrival order, so names show in the order they began. */
    private final Map<RoomName, Map<String, Instant>> marks = new LinkedHashMap<>();
    private final Map<RoomName, Instant> lastSent = new HashMap<>();

    TypingIndicators(Transport transport, SessionListener listener, Clock clock, SessionConfig config,
                     ScheduledExecutorService timers, Object lock) {
        this.transport = transport;
        this.listener = listener;
        this.clock = clock;
        this.config = config;
        this.timers = timers;
        this.lock = lock;
    }

    /** Tells the room the user is typing, at most once per throttle interval (a frame per key would flood it). */
    void ownTyping(RoomName room, boolean online) {
        Instant now = clock.instant();
        Instant last = lastSent.get(room);
        if (online && (last == null || !now.isBefore(last.plus(config.typingThrottle())))) {
            lastSent.put(room, now);
            transport.send(new ClientFrame.Typing(null, room));
        }
    }

    /** Someone else is typing: shown until the mark runs out, unless a new typing frame extends it. */
    void someoneTyping(RoomName room, String who) {
        marks(room).put(who, clock.instant().plus(config.typingShown()));
        announce(room);
        // A little after the mark runs out, so the check sees it expired rather than racing the clock.
        timers.schedule(this::expireUnderLock, config.typingShown().toMillis() + 50, TimeUnit.MILLISECONDS);
    }

    /** Their message arrived: they are no longer typing it. */
    void messageFrom(RoomName room, String who) {
        Map<String, Instant> inRoom = marks.get(room);
        if (inRoom != null && inRoom.keySet().removeIf(name -> name.equalsIgnoreCase(who))) {
            announce(room);
        }
    }

    /** They left the room; the caller announces, together with the new member list. */
    void wentAway(RoomName room, String who) {
        Map<String, Instant> inRoom = marks.get(room);
        if (inRoom != null) {
            inRoom.remove(who);
        }
    }

    /** Offline, nobody can be seen typing: clears the room's marks (and says so) if it had any. */
    void clear(RoomName room) {
        Map<String, Instant> inRoom = marks.get(room);
        if (inRoom != null && !inRoom.isEmpty()) {
            inRoom.clear();
            listener.onEvent(new SessionEvent.TypingChanged(room, List.of()));
        }
    }

    /** The room was left: its marks go with it (the send throttle stays, so leaving and re-joining cannot spam). */
    void forget(RoomName room) {
        marks.remove(room);
    }

    /** Sends the room's current typing names to the listener. */
    void announce(RoomName room) {
        Map<String, Instant> inRoom = marks.get(room);
        List<String> names = inRoom == null ? List.of() : List.copyOf(inRoom.keySet());
        listener.onEvent(new SessionEvent.TypingChanged(room, names));
    }

    private void expireUnderLock() {
        synchronized (lock) {
            Instant now = clock.instant();
            marks.forEach((room, inRoom) -> {
                if (inRoom.values().removeIf(until -> !until.isAfter(now))) {
                    announce(room);
                }
            });
        }
    }

    private Map<String, Instant> marks(RoomName room) {
        return marks.computeIfAbsent(room, r -> new LinkedHashMap<>());
    }
}
