package dev.confab.client.session;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.RoomName;
import dev.confab.protocol.ServerFrame;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A change in the session, for the UI. Every event is a complete, immutable value. */
public sealed interface SessionEvent {

    record StatusChanged(SessionStatus status) implements SessionEvent {
    }

    /** The server wants the user to sign in; {@code problem} says why the last try failed, if one did. */
    record SignInNeeded(ServerFrame.HelloData offer, @Nullable ErrorCode problem) implements SessionEvent {
    }

    record SignedIn(String username, boolean guest, String serverName) implements SessionEvent {
    }

    /** The rooms the user is in, in sidebar order. */
    record RoomsChanged(List<RoomView> rooms) implements SessionEvent {
        public RoomsChanged {
            rooms = List.copyOf(rooms);
        }
    }

    /** The whole visible timeline of a room: stored messages by seq, then pending ones. */
    record TimelineChanged(RoomName room, List<ChatLine> lines, boolean hasOlder) implements SessionEvent {
        public TimelineChanged {
            lines = List.copyOf(lines);
        }
    }

    record MembersChanged(RoomName room, List<MemberView> members) implements SessionEvent {
        public MembersChanged {
            members = List.copyOf(members);
        }
    }

    record TypingChanged(RoomName room, List<String> usernames) implements SessionEvent {
        public TypingChanged {
            usernames = List.copyOf(usernames);
        }
    }

    /** A new message from someone else arrived live (not from a history page): for notifications. */
    record MessageArrived(ChatLine line, boolean mentionsMe) implements SessionEvent {
    }

    /** The server refused something; the UI says so in words. */
    record ServerProblem(@Nullable RoomName room, ErrorCode code) implements SessionEvent {
    }

    /** The server's rooms, answering {@code list_rooms}. */
    record Directory(List<ServerFrame.RoomSummary> rooms) implements SessionEvent {
        public Directory {
            rooms = List.copyOf(rooms);
        }
    }
}
