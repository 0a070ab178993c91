package dev.confab.server.bus.redis;

import dev.confab.protocol.RoomName;
import dev.confab.server.bus.RoomEvent;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A room event as it travels through Redis:
 * {@code node \n seq \n excluded-user-or-empty \n excluded-connection-or-empty \n json}. The room is the channel.
 * The node lets a node skip its own events, which it has already delivered locally.
 */
record Envelope(String node, RoomEvent event) {
    static final String CHANNEL_PREFIX = "confab:room:";
    private static final int HEADER_LINES = 4;

    static String channel(RoomName room) {
        return CHANNEL_PREFIX + room.value();
    }

    String encode() {
        return node + '\n' + event.seq() + '\n' + orEmpty(event.excludeUserId()) + '\n'
                + orEmpty(event.excludeConnection()) + '\n' + event.json();
    }

    /** Reads a message from a room channel; empty when it is not an envelope (another program's message). */
    static Optional<Envelope> decode(String channel, String text) {
        if (!channel.startsWith(CHANNEL_PREFIX)) {
            return Optional.empty();
        }
        int[] ends = new int[HEADER_LINES];
        int from = 0;
        for (int i = 0; i < HEADER_LINES; i++) {
            ends[i] = text.indexOf('\n', from);
            if (ends[i] < 0) {
                return Optional.empty();
            }
            from = ends[i] + 1;
        }
        try {
            RoomName room = RoomName.of(channel.substring(CHANNEL_PREFIX.length()));
            long seq = Long.parseLong(text.substring(ends[0] + 1, ends[1]));
            return Optional.of(new Envelope(text.substring(0, ends[0]), new RoomEvent(room,
                    text.substring(ends[3] + 1), seq, nullIfEmpty(text.substring(ends[1] + 1, ends[2])),
                    nullIfEmpty(text.substring(ends[2] + 1, ends[3])))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String orEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }

    private static @Nullable String nullIfEmpty(String value) {
        return value.isEmpty() ? null : value;
    }
}
