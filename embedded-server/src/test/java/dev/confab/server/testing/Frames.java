package dev.confab.server.testing;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ClientId;
import dev.confab.protocol.MessageContent;
import dev.confab.protocol.RoomName;
import org.jspecify.annotations.Nullable;

/** Short ways to build client frames in tests. */
public final class Frames {
    private Frames() {
    }

    public static ClientFrame.SendMessage send(String room, String content, @Nullable String clientId) {
        return new ClientFrame.SendMessage(null, RoomName.of(room), new ClientFrame.Outgoing(
                MessageContent.of(content), clientId == null ? null : ClientId.of(clientId), null, null));
    }

    public static ClientFrame.JoinRoom joinSince(String room, long since) {
        return new ClientFrame.JoinRoom("j", RoomName.of(room), new ClientFrame.JoinOptions(since));
    }
}
