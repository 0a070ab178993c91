package dev.confab.server.session;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.RoomName;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.auth.Identity;
import dev.confab.server.store.MessageStore;
import dev.confab.server.store.RoomInfo;
import dev.confab.server.store.StoredMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Joining and leaving rooms, presence answers ({@code user_list}, {@code room_list}) and typing. */
final class RoomHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RoomHandler.class);
    private final ChatContext ctx;

    RoomHandler(ChatContext ctx) {
        this.ctx = ctx;
        ctx.hub().shared().onVanished((room, userId, username) -> ctx.hub().publish(room,
                new ServerFrame.UserLeft(room, username, ctx.now(), new ServerFrame.Member(userId, username)),
                userId));
    }

    /**
     * Joins a room. With {@code since}, the missed messages come first, then {@code joined_room}; live events
     * that arrive meanwhile are held back and sent after it, without those the replay already covered.
     */
    void join(Session session, Identity who, ClientFrame.JoinRoom frame) {
        RoomName room = frame.room();
        if (!session.inRoom(room) && session.rooms().size() >= ctx.config().limits().maxRoomsPerConnection()) {
            session.error(room, frame.id(), ErrorCode.FORBIDDEN, "A connection may be in at most "
                    + ctx.config().limits().maxRoomsPerConnection() + " rooms at once.");
            return;
        }
        MessageStore store = ctx.store();
        store.ensureRoom(room);
        if (!who.guest()) {
            store.addMember(room, who.userId());
        }
        ctx.hub().listen(room);
        session.beginJoin(room);
        boolean newMember = ctx.presence().join(room, session, who);
        // Announced only when the user is new to the room on every node, not just on this one.
        boolean announce = newMember && ctx.hub().shared().entered(room, who.userId(), who.username().value());
        boolean announced = false;
        try {
            long lastSeq = store.lastSeq(room);
            boolean hasMore = false;
            Long since = frame.since();
            if (since != null && since < lastSeq) {
                int limit = ctx.config().limits().replayLimit();
                List<StoredMessage> missed = store.since(room, since, limit + 1);
                hasMore = missed.size() > limit;
                List<StoredMessage> replayed = missed.subList(0, Math.min(limit, missed.size()));
                replayed.forEach(m -> session.reply(ctx.toFrame(m, null)));
                // Messages stored after lastSeq was read may be in the replay: they count as delivered, so the
                // held-back live copies of them are skipped and last_seq names the last one the client has.
                if (!replayed.isEmpty()) {
                    lastSeq = Math.max(lastSeq, replayed.get(replayed.size() - 1).seq());
                }
            }
            List<ServerFrame.Member> members = present(room);
            if (announce) {
                // Before the answer (an in-process bus delivers during publish): a client that joins once this one
                // has its answer is listed this user as a member, and must not get the announce after that.
                ctx.hub().publish(room, new ServerFrame.UserJoined(room, who.username().value(), ctx.now(),
                        Presence.asMember(who)), who.userId());
                announced = true;
            }
            session.reply(new ServerFrame.JoinedRoom(room, frame.id(), ctx.now(),
                    new ServerFrame.Joined(members, lastSeq, store.epoch(), hasMore)));
            session.finishJoin(room, lastSeq);
        } catch (RuntimeException e) {
            // Storage failed half way: leave no trace of the join; the caller answers with an error.
            session.leave(room);
            if (ctx.presence().leave(room, session, who) && ctx.hub().shared().left(room, who.userId())
                    && announced) {
                announceLeft(room, who); // the others were told of the join
            }
            throw e;
        }
    }

    void leave(Session session, Identity who, ClientFrame.LeaveRoom frame) {
        RoomName room = frame.room();
        if (!session.requireRoom(room, frame.id())) {
            return;
        }
        session.leave(room);
        if (ctx.presence().leave(room, session, who)) {
            if (!who.guest()) {
                ctx.store().removeMember(room, who.userId());
            }
            if (ctx.hub().shared().left(room, who.userId())) {
                announceLeft(room, who);
            }
        }
        session.reply(new ServerFrame.LeftRoom(room, frame.id(), ctx.now()));
    }

    void typing(Session session, Identity who, ClientFrame.Typing frame) {
        if (session.requireRoom(frame.room(), frame.id())) {
            ctx.hub().publish(frame.room(), new ServerFrame.Typing(frame.room(), who.username().value(), ctx.now(),
                    Presence.asMember(who)), who.userId());
        }
    }

    void userList(Session session, Identity who, ClientFrame.UserList frame) {
        if (session.requireRoom(frame.room(), frame.id())) {
            session.reply(new ServerFrame.UserList(frame.room(), frame.id(), ctx.now(),
                    new ServerFrame.Users(users(frame.room()))));
        }
    }

    void listRooms(Session session, Identity who, ClientFrame.ListRooms frame) {
        List<ServerFrame.RoomSummary> summaries = new ArrayList<>();
        for (RoomInfo info : ctx.store().rooms()) {
            summaries.add(new ServerFrame.RoomSummary(info.room(), users(info.room()).size(), info.lastSeq()));
        }
        session.reply(new ServerFrame.RoomList(frame.id(), ctx.now(), new ServerFrame.Rooms(summaries)));
    }

    /** A connection closed: its user leaves every room where this was their last connection. */
    void disconnected(Session session, Identity who) {
        for (RoomName room : ctx.presence().release(session, who)) {
            if (ctx.hub().shared().left(room, who.userId())) {
                announceLeft(room, who);
            }
        }
        ctx.hub().shared().connectionsHere(who.userId(), ctx.presence().connectionCount(who.userId()));
    }

    /** The registered members of a room and the guests in it now, each with whether they are online here. */
    private List<ServerFrame.Presence> users(RoomName room) {
        Map<String, ServerFrame.Presence> users = new LinkedHashMap<>();
        List<ServerFrame.Member> online = present(room);
        Set<String> present = online.stream().map(ServerFrame.Member::userId).collect(Collectors.toSet());
        for (MessageStore.Member member : ctx.store().members(room)) {
            users.put(member.userId(), new ServerFrame.Presence(member.userId(), member.username(),
                    present.contains(member.userId())));
        }
        for (ServerFrame.Member who : online) {
            users.putIfAbsent(who.userId(), new ServerFrame.Presence(who.userId(), who.username(), true));
        }
        return List.copyOf(users.values());
    }

    /** The users in the room here, in the order they came, then those only on other nodes. */
    private List<ServerFrame.Member> present(RoomName room) {
        Map<String, ServerFrame.Member> members = new LinkedHashMap<>();
        for (Identity who : ctx.presence().present(room)) {
            members.put(who.userId(), Presence.asMember(who));
        }
        try {
            ctx.hub().shared().elsewhere(room).forEach((userId, username) ->
                    members.putIfAbsent(userId, new ServerFrame.Member(userId, username)));
        } catch (RuntimeException e) {
            // The other nodes' presence is unavailable (broker away): answer with this node's.
            LOG.debug("Presence of the other nodes is unavailable: {}", e.toString());
        }
        return List.copyOf(members.values());
    }

    private void announceLeft(RoomName room, Identity who) {
        ctx.hub().publish(room, new ServerFrame.UserLeft(room, who.username().value(), ctx.now(),
                Presence.asMember(who)), who.userId());
    }
}
