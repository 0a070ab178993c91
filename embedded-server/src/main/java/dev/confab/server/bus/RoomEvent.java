package dev.confab.server.bus;

import dev.confab.protocol.RoomName;
import org.jspecify.annotations.Nullable;

/**
 * A frame for the members of a room, already encoded. The same text goes to every member connection on every
 * node, so it is encoded once by the node that publishes it.
 *
 * @param room the room whose members receive it
 * @param json the encoded server frame
 * @param seq the message's seq for a {@code message} frame, 0 for any other frame; lets a joining connection
 *            skip what its replay already covered
 * @param excludeUserId a user who must not receive it (the typist of {@code typing}, the subject of
 *                      {@code user_joined}), or null for everyone
 * @param excludeConnection a connection that must not receive it because it gets its own copy (the author's,
 *                          with {@code reply_to}), or null
 */
public record RoomEvent(RoomName room, String json, long seq, @Nullable String excludeUserId,
                        @Nullable String excludeConnection) {
}
