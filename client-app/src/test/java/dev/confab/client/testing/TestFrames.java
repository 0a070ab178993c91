package dev.confab.client.testing;

import dev.confab.protocol.RoomName;
import dev.confab.protocol.ServerFrame;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Server frames built by hand, for tests below the network. */
public final class TestFrames {
    public static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    public static final ServerFrame.ServerInfo SERVER = new ServerFrame.ServerInfo("Acme LAN", "1.0");

    private TestFrames() {
    }

    public static ServerFrame.Hello hello(boolean guests, boolean registration) {
        return new ServerFrame.Hello(T0, new ServerFrame.HelloData(SERVER, 1, registration, guests));
    }

    public static ServerFrame.Connected connected(String username) {
        return new ServerFrame.Connected("auth", T0, new ServerFrame.Session("u-" + username, username,
                "token-of-" + username, T0.plusSeconds(3600), false, SERVER));
    }

    public static ServerFrame.JoinedRoom joined(String room, long lastSeq, String epoch, boolean hasMore,
                                         String... members) {
        return new ServerFrame.JoinedRoom(RoomName.of(room), null, T0, new ServerFrame.Joined(
                java.util.Arrays.stream(members).map(m -> new ServerFrame.Member("u-" + m, m)).toList(),
                lastSeq, epoch, hasMore));
    }

    public static ServerFrame.Message message(String room, long seq, String author, String content,
                                       @Nullable String clientId) {
        return message(room, seq, author, content, clientId, null);
    }

    public static ServerFrame.Message message(String room, long seq, String author, String content,
                                       @Nullable String clientId, @Nullable Long replyTo) {
        return new ServerFrame.Message(RoomName.of(room), author, null, T0.plusSeconds(seq),
                new ServerFrame.ChatMessage(seq, content, "u-" + author, author, clientId, replyTo, null, null, null));
    }

    public static ServerFrame.History history(String room, boolean hasMore, ServerFrame.Message... messages) {
        return new ServerFrame.History(RoomName.of(room), null, T0, new ServerFrame.Page(List.of(messages), hasMore));
    }

    public static ServerFrame.Typing typing(String room, String who) {
        return new ServerFrame.Typing(RoomName.of(room), who, T0, new ServerFrame.Member("u-" + who, who));
    }
}
