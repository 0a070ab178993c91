package dev.confab.protocol;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** One realistic example of every frame, the same ones the golden files and docs/PROTOCOL.md show. */
final class Examples {
    static final Instant NOW = Instant.parse("2026-11-21T12:00:00.000Z");
    static final RoomName GENERAL = RoomName.of("general");

    private Examples() {
    }

    static List<ClientFrame> clientFrames() {
        ObjectNode metadata = JsonNodeFactory.instance.objectNode().put("format", "plain");
        return List.of(
                new ClientFrame.Register("r1", new ClientFrame.Credentials("alice", "correct horse battery")),
                new ClientFrame.Login("r2", new ClientFrame.Credentials("alice", "correct horse battery")),
                new ClientFrame.JoinRoom("r3", GENERAL, new ClientFrame.JoinOptions(41L)),
                new ClientFrame.LeaveRoom("r4", GENERAL),
                new ClientFrame.SendMessage("r5", GENERAL, new ClientFrame.Outgoing(
                        MessageContent.of("sure, 12:30?"), ClientId.of("5f0c2a9e-7c1b-4d8e-9a51-0b7a3c2d1e4f"),
                        41L, metadata)),
                new ClientFrame.History("r6", GENERAL, new ClientFrame.HistoryQuery(42L, 50)),
                new ClientFrame.Typing(null, GENERAL),
                new ClientFrame.EditMessage("r7", GENERAL,
                        new ClientFrame.Edit(42L, MessageContent.of("sure, 12:45?"))),
                new ClientFrame.DeleteMessage("r8", GENERAL, new ClientFrame.SeqRef(42L)),
                new ClientFrame.UserList("r9", GENERAL),
                new ClientFrame.ListRooms("r10"),
                new ClientFrame.Ping("r11"),
                new ClientFrame.ChangePassword("r12", new ClientFrame.PasswordChange("correct horse battery",
                        "staple gun trombone")),
                new ClientFrame.Logout("r13"));
    }

    static List<ServerFrame> serverFrames() {
        ServerFrame.ServerInfo server = new ServerFrame.ServerInfo("Acme LAN", "0.1.0");
        ServerFrame.Member alice = new ServerFrame.Member("u1", "alice");
        ServerFrame.Member bob = new ServerFrame.Member("u2", "bob");
        ServerFrame.Message message = new ServerFrame.Message(GENERAL, "alice", "r5", NOW,
                new ServerFrame.ChatMessage(42, "sure, 12:30?", "u1", "alice",
                        "5f0c2a9e-7c1b-4d8e-9a51-0b7a3c2d1e4f", 41L,
                        JsonNodeFactory.instance.objectNode().put("format", "plain"), null, null));
        ServerFrame.Message earlier = new ServerFrame.Message(GENERAL, "bob", null, NOW.minusSeconds(60),
                new ServerFrame.ChatMessage(41, "anyone up for lunch?", "u2", "bob", null, null, null, null, null));
        ServerFrame.Message deleted = new ServerFrame.Message(GENERAL, "bob", null, NOW.minusSeconds(120),
                ServerFrame.ChatMessage.deleted(40));
        return List.of(
                new ServerFrame.Hello(NOW, new ServerFrame.HelloData(server, 1, true, true)),
                new ServerFrame.Connected("r2", NOW, new ServerFrame.Session("u1", "alice",
                        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2lnbmF0dXJl", NOW.plusSeconds(30L * 24 * 3600),
                        false, server)),
                new ServerFrame.JoinedRoom(GENERAL, "r3", NOW,
                        new ServerFrame.Joined(List.of(alice, bob), 42, "3f1d0c5e8a7b4c2d", false)),
                new ServerFrame.LeftRoom(GENERAL, "r4", NOW),
                new ServerFrame.UserJoined(GENERAL, "bob", NOW, bob),
                new ServerFrame.UserLeft(GENERAL, "bob", NOW, bob),
                message,
                new ServerFrame.MessageEdited(GENERAL, "alice", "r7", NOW,
                        new ServerFrame.Edited(42, "sure, 12:45?", NOW)),
                new ServerFrame.MessageDeleted(GENERAL, "alice", "r8", NOW, new ServerFrame.Deleted(42)),
                new ServerFrame.History(GENERAL, "r6", NOW,
                        new ServerFrame.Page(List.of(deleted, earlier), true)),
                new ServerFrame.Typing(GENERAL, "bob", NOW, bob),
                new ServerFrame.UserList(GENERAL, "r9", NOW, new ServerFrame.Users(List.of(
                        new ServerFrame.Presence("u1", "alice", true),
                        new ServerFrame.Presence("u3", "carol", false)))),
                new ServerFrame.RoomList("r10", NOW, new ServerFrame.Rooms(List.of(
                        new ServerFrame.RoomSummary(GENERAL, 3, 42),
                        new ServerFrame.RoomSummary(RoomName.of("channel:456"), 1, 0)))),
                new ServerFrame.Pong("r11", NOW, new ServerFrame.PongData(NOW)),
                new ServerFrame.ErrorFrame(GENERAL, "r5", NOW,
                        new ServerFrame.Problem(ErrorCode.NOT_IN_ROOM, "Join general before sending to it.")),
                new ServerFrame.PasswordChanged("r12", NOW, new ServerFrame.RenewedToken(
                        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSIsInZlciI6MX0.c2lnbmF0dXJl",
                        NOW.plusSeconds(30L * 24 * 3600))),
                new ServerFrame.LoggedOut("r13", NOW));
    }

    /** The wire type name of each example, in a stable order. */
    static <T> Map<String, T> byTypeName(List<T> frames, Function<T, String> typeName) {
        return frames.stream().collect(Collectors.toMap(typeName, Function.identity(), (a, b) -> a,
                java.util.LinkedHashMap::new));
    }

    static Stream<Class<?>> permitted(Class<?> hierarchy) {
        return Stream.of(hierarchy.getPermittedSubclasses());
    }
}
