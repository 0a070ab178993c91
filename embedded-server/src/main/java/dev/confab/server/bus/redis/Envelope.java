package dev.confab.server.bus.redis;

import dev.confab.protocol.RoomName;
import dev.confab.server.bus.RoomEvent;
import java.util.Optional;

/**
 * A room event as it travels through Redis: {@code node \n seq \n excluded-user-or-empty \n json}. The room is
 * the channel. The node lets a node skip its own events, which it has already delivered locally.
 */
record Envelope(String node, RoomEvent event) {
    static final String CHANNEL_PREFIX = "confab:room:";

    static String channel(RoomName room) {
        return CHANNEL_PREFIX + room.value();
    }

    String encode() {
        String excluded = event.excludeUserId();
        return node + '\n' + event.seq() + '\n' + (excluded == null ? "" : excluded) + '\n' + event.json();
    }

    /** Reads a message from a room channel; empty when it is not an envelope (another program's message). */
    static Optional<Envelope> decode(String channel, String text) {
        if (!channel.startsWith(CHANNEL_PREFIX)) {
            return Optional.empty();
        }
        int first = text.indexOf('\n');
        int second = first < 0 ? -1 : text.indexOf('\n', first + 1);
        int third = second < 0 ? -1 : text.indexOf('\n', second + 1);
        if (third < 0) {
            return Optional.empty();
        }
        try {
            RoomName room = RoomName.of(channel.substring(CHANNEL_PREFIX.length()));
            long seq = Long.parseLong(text.substring(first + 1, second));
            String excluded = text.substring(second + 1, third);
            return Optional.of(new Envelope(text.substring(0, first), new RoomEvent(room, text.substring(third + 1),
                    seq, excluded.isEmpty() ? null : excluded)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
