package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A frame the server sends. Every one carries the server's {@code timestamp}; {@code reply_to} carries the
 * {@code id} of the request a frame answers, and {@code sender} the user who caused it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ServerFrame.Hello.class, name = "hello"),
    @JsonSubTypes.Type(value = ServerFrame.Connected.class, name = "connected"),
    @JsonSubTypes.Type(value = ServerFrame.JoinedRoom.class, name = "joined_room"),
    @JsonSubTypes.Type(value = ServerFrame.LeftRoom.class, name = "left_room"),
    @JsonSubTypes.Type(value = ServerFrame.UserJoined.class, name = "user_joined"),
    @JsonSubTypes.Type(value = ServerFrame.UserLeft.class, name = "user_left"),
    @JsonSubTypes.Type(value = ServerFrame.Message.class, name = "message"),
    @JsonSubTypes.Type(value = ServerFrame.MessageEdited.class, name = "message.edited"),
    @JsonSubTypes.Type(value = ServerFrame.MessageDeleted.class, name = "message.deleted"),
    @JsonSubTypes.Type(value = ServerFrame.History.class, name = "history"),
    @JsonSubTypes.Type(value = ServerFrame.Typing.class, name = "typing"),
    @JsonSubTypes.Type(value = ServerFrame.UserList.class, name = "user_list"),
    @JsonSubTypes.Type(value = ServerFrame.RoomList.class, name = "room_list"),
    @JsonSubTypes.Type(value = ServerFrame.Pong.class, name = "pong"),
    @JsonSubTypes.Type(value = ServerFrame.ErrorFrame.class, name = "error"),
    @JsonSubTypes.Type(value = ServerFrame.PasswordChanged.class, name = "password_changed"),
    @JsonSubTypes.Type(value = ServerFrame.LoggedOut.class, name = "logged_out"),
})
public sealed interface ServerFrame {
    /** The {@code sender} of frames the server itself causes. */
    String SYSTEM_SENDER = "system";

    /** When the server sent the frame. */
    Instant timestamp();

    /** The first frame on a connection that came without a token: what the server offers. */
    record Hello(Instant timestamp, HelloData data) implements ServerFrame {
    }

    record HelloData(ServerInfo server, int protocol, boolean registration, boolean guests) {
    }

    record ServerInfo(String name, String version) {
    }

    /** Authentication succeeded; {@code token} lets the client reconnect without the password. */
    record Connected(@Nullable String replyTo, Instant timestamp, Session data) implements ServerFrame {
    }

    record Session(String userId, String username, String token, Instant expiresAt, boolean guest,
                   ServerInfo server) {
        @Override
        public String toString() {
            return "Session[userId=" + userId + ", username=" + username + ", token=***, expiresAt=" + expiresAt
                    + ", guest=" + guest + ", server=" + server + "]";
        }
    }

    record JoinedRoom(RoomName room, @Nullable String replyTo, Instant timestamp, Joined data)
            implements ServerFrame {
    }

    /**
     * The room's members, its newest seq, the {@code epoch} its seqs count in, and whether a {@code since}
     * replay left messages out.
     */
    record Joined(List<Member> members, long lastSeq, String epoch, boolean hasMore) {
        public Joined {
            members = List.copyOf(members);
        }
    }

    record Member(String userId, String username) {
    }

    record LeftRoom(RoomName room, @Nullable String replyTo, Instant timestamp) implements ServerFrame {
    }

    record UserJoined(RoomName room, String sender, Instant timestamp, Member data) implements ServerFrame {
    }

    record UserLeft(RoomName room, String sender, Instant timestamp, Member data) implements ServerFrame {
    }

    /** A stored message, sent live, in a replay, or inside a history page. */
    record Message(RoomName room, String sender, @Nullable String replyTo, Instant timestamp, ChatMessage data)
            implements ServerFrame {
    }

    /**
     * A message as stored. A deleted message keeps only its {@code seq} and {@code deleted: true}.
     * {@code reply_to} here is the seq of the message this one answers (unlike the envelope's request id).
     */
    record ChatMessage(long seq, @Nullable String content, @Nullable String userId, @Nullable String username,
                       @Nullable String clientId, @Nullable Long replyTo, @Nullable ObjectNode metadata,
                       @Nullable Instant editedAt, @Nullable Boolean deleted) {
        public ChatMessage {
            // Seqs count from 1; the app takes seq 0 for "not stored yet", so a server must not send it
            // (ServerFramesFuzzTest found a seq-0 message shown as stored, ahead of everything).
            if (seq < 1) {
                throw new ProtocolViolation(ErrorCode.INVALID_MESSAGE, "data.seq must be 1 or more");
            }
        }

        /** A message that was deleted: no content, no author fields. */
        public static ChatMessage deleted(long seq) {
            return new ChatMessage(seq, null, null, null, null, null, null, null, true);
        }

        public boolean wasDeleted() {
            return Boolean.TRUE.equals(deleted);
        }
    }

    record MessageEdited(RoomName room, String sender, @Nullable String replyTo, Instant timestamp, Edited data)
            implements ServerFrame {
    }

    record Edited(long seq, String content, Instant editedAt) {
    }

    record MessageDeleted(RoomName room, String sender, @Nullable String replyTo, Instant timestamp, Deleted data)
            implements ServerFrame {
    }

    record Deleted(long seq) {
    }

    /** A page of history, oldest first; {@code has_more} says whether older messages remain. */
    record History(RoomName room, @Nullable String replyTo, Instant timestamp, Page data) implements ServerFrame {
    }

    record Page(List<Message> messages, boolean hasMore) {
        public Page {
            messages = List.copyOf(messages);
        }
    }

    record Typing(RoomName room, String sender, Instant timestamp, Member data) implements ServerFrame {
    }

    record UserList(RoomName room, @Nullable String replyTo, Instant timestamp, Users data) implements ServerFrame {
    }

    record Users(List<Presence> users) {
        public Users {
            users = List.copyOf(users);
        }
    }

    record Presence(String userId, String username, boolean online) {
    }

    record RoomList(@Nullable String replyTo, Instant timestamp, Rooms data) implements ServerFrame {
    }

    record Rooms(List<RoomSummary> rooms) {
        public Rooms {
            rooms = List.copyOf(rooms);
        }
    }

    record RoomSummary(RoomName room, int members, long lastSeq) {
    }

    record Pong(@Nullable String replyTo, Instant timestamp, PongData data) implements ServerFrame {
    }

    record PongData(Instant timestamp) {
    }

    /** An error answer. {@code room} is set when the failed request concerned a room. */
    record ErrorFrame(@Nullable RoomName room, @Nullable String replyTo, Instant timestamp, Problem data)
            implements ServerFrame {
    }

    /** {@code error} is a sentence for a person; {@code code} is for programs. */
    record Problem(ErrorCode code, String error) {
    }

    /** The password is changed (beyond the core protocol); the new token replaces the old, which no longer works. */
    record PasswordChanged(@Nullable String replyTo, Instant timestamp, RenewedToken data) implements ServerFrame {
    }

    record RenewedToken(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "RenewedToken[token=***, expiresAt=" + expiresAt + "]";
        }
    }

    /** Signed out (beyond the core protocol); the server closes the connection with 1000 right after. */
    record LoggedOut(@Nullable String replyTo, Instant timestamp) implements ServerFrame {
    }
}
