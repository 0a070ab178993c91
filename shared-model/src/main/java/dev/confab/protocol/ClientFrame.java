package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A frame a client sends to the server. Every record validates itself when built, so a frame that exists is a
 * frame that follows the protocol; the codec reports a violation as the matching {@link ErrorCode}.
 *
 * <p>{@code id} is the optional request id the client picks (1 to 64 characters); the server echoes it as
 * {@code reply_to} on its direct answer or error.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ClientFrame.Register.class, name = "register"),
    @JsonSubTypes.Type(value = ClientFrame.Login.class, name = "login"),
    @JsonSubTypes.Type(value = ClientFrame.JoinRoom.class, name = "join_room"),
    @JsonSubTypes.Type(value = ClientFrame.LeaveRoom.class, name = "leave_room"),
    @JsonSubTypes.Type(value = ClientFrame.SendMessage.class, name = "send_message"),
    @JsonSubTypes.Type(value = ClientFrame.History.class, name = "history"),
    @JsonSubTypes.Type(value = ClientFrame.Typing.class, name = "typing"),
    @JsonSubTypes.Type(value = ClientFrame.EditMessage.class, name = "edit_message"),
    @JsonSubTypes.Type(value = ClientFrame.DeleteMessage.class, name = "delete_message"),
    @JsonSubTypes.Type(value = ClientFrame.UserList.class, name = "user_list"),
    @JsonSubTypes.Type(value = ClientFrame.ListRooms.class, name = "list_rooms"),
    @JsonSubTypes.Type(value = ClientFrame.Ping.class, name = "ping"),
    @JsonSubTypes.Type(value = ClientFrame.ChangePassword.class, name = "change_password"),
    @JsonSubTypes.Type(value = ClientFrame.Logout.class, name = "logout"),
})
public sealed interface ClientFrame {
    /** The longest request id a client may pick. */
    int MAX_ID_LENGTH = 64;
    /** The longest password accepted; longer ones are refused before any hashing work. */
    int MAX_PASSWORD_LENGTH = 1024;
    /** The largest {@code metadata} object, in UTF-8 bytes of its JSON. */
    int MAX_METADATA_BYTES = 2048;
    /** The most messages one {@code history} request may ask for. */
    int MAX_HISTORY_LIMIT = 200;
    /** How many messages {@code history} returns when no limit is given. */
    int DEFAULT_HISTORY_LIMIT = 50;

    /** The request id, or null when the client did not pick one. */
    @Nullable String id();

    /** Creates an account and signs in to it. */
    record Register(@Nullable String id, Credentials data) implements ClientFrame {
        public Register {
            checkId(id);
            Text.required(data, "data");
            Text.required(data.password(), "data.password");
        }
    }

    /** Signs in to an account, or as a guest when {@code data.password} is absent. */
    record Login(@Nullable String id, Credentials data) implements ClientFrame {
        public Login {
            checkId(id);
            Text.required(data, "data");
        }

        /** True for a guest login: a nickname with no password. */
        public boolean guest() {
            return data.password() == null;
        }
    }

    /**
     * A username and, except for a guest, a password. The username stays raw text here: the server answers a
     * malformed one with {@code invalid_username}, which a client can show next to the field.
     */
    record Credentials(String username, @Nullable String password) {
        public Credentials {
            Text.required(username, "data.username");
            if (password != null && password.length() > MAX_PASSWORD_LENGTH) {
                throw new ProtocolViolation(ErrorCode.TOO_LARGE,
                        "password must be at most " + MAX_PASSWORD_LENGTH + " characters");
            }
        }

        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=" + (password == null ? "none" : "***") + "]";
        }
    }

    /** Joins a room (creating it if it is new); with {@code since}, first replays what was missed. */
    record JoinRoom(@Nullable String id, RoomName room, @Nullable JoinOptions data) implements ClientFrame {
        public JoinRoom {
            checkId(id);
            Text.required(room, "room");
        }

        /** The {@code seq} after which to replay, or null for no replay. */
        public @Nullable Long since() {
            return data == null ? null : data.since();
        }
    }

    /** Options of {@code join_room}. */
    record JoinOptions(@Nullable Long since) {
        public JoinOptions {
            if (since != null && since < 0) {
                throw new ProtocolViolation(ErrorCode.INVALID_MESSAGE, "data.since must be a seq of 0 or more");
            }
        }
    }

    record LeaveRoom(@Nullable String id, RoomName room) implements ClientFrame {
        public LeaveRoom {
            checkId(id);
            Text.required(room, "room");
        }
    }

    /** Sends a message to a room; the {@code message} echo to the sender is the acknowledgement. */
    record SendMessage(@Nullable String id, RoomName room, Outgoing data) implements ClientFrame {
        public SendMessage {
            checkId(id);
            Text.required(room, "room");
            Text.required(data, "data");
        }
    }

    /** The fields of a message being sent. */
    record Outgoing(MessageContent content, @Nullable ClientId clientId, @Nullable Long replyTo,
                    @Nullable ObjectNode metadata) {
        public Outgoing {
            Text.required(content, "data.content");
            if (replyTo != null && replyTo < 1) {
                throw new ProtocolViolation(ErrorCode.INVALID_MESSAGE, "data.reply_to must be a seq of 1 or more");
            }
            if (metadata != null && metadata.toString().getBytes(StandardCharsets.UTF_8).length > MAX_METADATA_BYTES) {
                throw new ProtocolViolation(ErrorCode.TOO_LARGE,
                        "data.metadata must be at most " + MAX_METADATA_BYTES + " bytes of JSON");
            }
        }
    }

    /** Asks for a page of a room's history, oldest first. */
    record History(@Nullable String id, RoomName room, @Nullable HistoryQuery data) implements ClientFrame {
        public History {
            checkId(id);
            Text.required(room, "room");
        }

        /** The page asked for, with the defaults filled in. */
        public HistoryQuery query() {
            return data == null ? new HistoryQuery(null, null) : data;
        }
    }

    /** {@code before}: only messages with a smaller seq; {@code limit}: how many (1..200, default 50). */
    record HistoryQuery(@Nullable Long before, @Nullable Integer limit) {
        public HistoryQuery {
            if (before != null && before < 1) {
                throw new ProtocolViolation(ErrorCode.INVALID_MESSAGE, "data.before must be a seq of 1 or more");
            }
            if (limit != null && (limit < 1 || limit > MAX_HISTORY_LIMIT)) {
                throw new ProtocolViolation(ErrorCode.INVALID_MESSAGE,
                        "data.limit must be between 1 and " + MAX_HISTORY_LIMIT);
            }
        }

        /** The number of messages to return. */
        public int limitOrDefault() {
            return limit == null ? DEFAULT_HISTORY_LIMIT : limit;
        }
    }

    record Typing(@Nullable String id, RoomName room) implements ClientFrame {
        public Typing {
            checkId(id);
            Text.required(room, "room");
        }
    }

    record EditMessage(@Nullable String id, RoomName room, Edit data) implements ClientFrame {
        public EditMessage {
            checkId(id);
            Text.required(room, "room");
            Text.required(data, "data");
        }
    }

    /** The new content of message {@code seq}. */
    record Edit(Long seq, MessageContent content) {
        public Edit {
            checkSeq(seq);
            Text.required(content, "data.content");
        }
    }

    record DeleteMessage(@Nullable String id, RoomName room, SeqRef data) implements ClientFrame {
        public DeleteMessage {
            checkId(id);
            Text.required(room, "room");
            Text.required(data, "data");
        }
    }

    /** Names one message of a room by its seq. */
    record SeqRef(Long seq) {
        public SeqRef {
            checkSeq(seq);
        }
    }

    record UserList(@Nullable String id, RoomName room) implements ClientFrame {
        public UserList {
            checkId(id);
            Text.required(room, "room");
        }
    }

    record ListRooms(@Nullable String id) implements ClientFrame {
        public ListRooms {
            checkId(id);
        }
    }

    record Ping(@Nullable String id) implements ClientFrame {
        public Ping {
            checkId(id);
        }
    }

    /**
     * Changes the signed-in account's password (beyond the core protocol). The answer is {@code password_changed}
     * with a new token; every token issued before stops working and the account's other connections are closed
     * with 4401.
     */
    record ChangePassword(@Nullable String id, PasswordChange data) implements ClientFrame {
        public ChangePassword {
            checkId(id);
            Text.required(data, "data");
        }
    }

    /** The current password, to prove it is the owner asking, and the new one. Never shown by toString. */
    record PasswordChange(String currentPassword, String newPassword) {
        public PasswordChange {
            Text.required(currentPassword, "data.current_password");
            Text.required(newPassword, "data.new_password");
            if (currentPassword.length() > MAX_PASSWORD_LENGTH || newPassword.length() > MAX_PASSWORD_LENGTH) {
                throw new ProtocolViolation(ErrorCode.TOO_LARGE,
                        "a password may have at most " + MAX_PASSWORD_LENGTH + " characters");
            }
        }

        @Override
        public String toString() {
            return "PasswordChange[currentPassword=***, newPassword=***]";
        }
    }

    /**
     * Signs out (beyond the core protocol): the answer is {@code logged_out}, then the server closes this connection
     * with 1000. For an account, every token issued before stops working and its other connections are closed with
     * 4401 (signing out signs out everywhere).
     */
    record Logout(@Nullable String id) implements ClientFrame {
        public Logout {
            checkId(id);
        }
    }

    private static void checkId(@Nullable String id) {
        if (id != null && (id.isEmpty() || id.length() > MAX_ID_LENGTH)) {
            throw new ProtocolViolation(ErrorCode.INVALID_MESSAGE, "id must be 1 to 64 characters");
        }
        if (id != null) {
            Text.requireClean(id, "id");
        }
    }

    private static void checkSeq(@Nullable Long seq) {
        Text.required(seq, "data.seq");
        if (seq < 1) {
            throw new ProtocolViolation(ErrorCode.INVALID_MESSAGE, "data.seq must be 1 or more");
        }
    }
}
