package dev.confab.server.session;

import dev.confab.protocol.RoomName;
import dev.confab.protocol.ServerFrame;
import dev.confab.protocol.Username;
import dev.confab.server.auth.Identity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is online and where: user to connections, room to members. A user with several connections is one member
 * of a room until their last connection in it goes. Changes are serialized on this object (they are rare next to
 * messages); fan-out reads {@link #connectionsIn} without a lock.
 */
final class Presence {
    /** The outcome of admitting a signed-in connection. */
    enum Admission { ADMITTED, NAME_TAKEN, TOO_MANY_CONNECTIONS }

    private final int maxConnectionsPerUser;
    private final Map<String, List<Session>> connectionsByUser = new HashMap<>();
    private final Map<String, Identity> onlineByName = new HashMap<>();
    private final Map<RoomName, Map<String, Member>> rooms = new HashMap<>();
    private final Map<RoomName, Set<Session>> connectionsByRoom = new ConcurrentHashMap<>();

    Presence(int maxConnectionsPerUser) {
        this.maxConnectionsPerUser = maxConnectionsPerUser;
    }

    /**
     * Admits a signed-in connection. A fresh guest sign-in may not take a name that is online; a reconnect with a
     * token may, when it is the same user. {@code elsewhere} counts the user's connections on other nodes: for a
     * fresh guest (whose user id is its name's) any of them means the name is online on another node.
     */
    synchronized Admission admit(Session session, Identity who, boolean freshGuest, int elsewhere) {
        Identity online = onlineByName.get(who.username().key());
        boolean takenHere = online != null && (freshGuest || !online.userId().equals(who.userId()));
        if (takenHere || freshGuest && elsewhere > 0) {
            return Admission.NAME_TAKEN;
        }
        List<Session> connections = connectionsByUser.computeIfAbsent(who.userId(), id -> new ArrayList<>());
        if (connections.size() + elsewhere >= maxConnectionsPerUser) {
            if (connections.isEmpty()) {
                connectionsByUser.remove(who.userId());
            }
            return Admission.TOO_MANY_CONNECTIONS;
        }
        connections.add(session);
        onlineByName.put(who.username().key(), who);
        return Admission.ADMITTED;
    }

    /** The user's signed-in connections on this node. */
    synchronized int connectionCount(String userId) {
        return connectionsByUser.getOrDefault(userId, List.of()).size();
    }

    /** The user's signed-in connections on this node, as a copy. */
    synchronized List<Session> connectionsOf(String userId) {
        return List.copyOf(connectionsByUser.getOrDefault(userId, List.of()));
    }

    /** Users signed in on this node, each counted once however many connections they have. */
    synchronized int onlineCount() {
        return onlineByName.size();
    }

    /** True when somebody online uses this name (checked before creating an account of that name). */
    synchronized boolean nameOnline(Username name) {
        return onlineByName.containsKey(name.key());
    }

    /** Forgets a closed connection; returns the rooms in which its user is now gone entirely. */
    synchronized List<RoomName> release(Session session, Identity who) {
        List<RoomName> left = new ArrayList<>();
        for (RoomName room : session.rooms()) {
            if (leave(room, session, who)) {
                left.add(room);
            }
        }
        List<Session> connections = connectionsByUser.get(who.userId());
        if (connections != null && connections.remove(session) && connections.isEmpty()) {
            connectionsByUser.remove(who.userId());
            onlineByName.remove(who.username().key());
        }
        return left;
    }

    /** Puts a connection in a room; true when its user was not in the room before (a new member). */
    synchronized boolean join(RoomName room, Session session, Identity who) {
        connectionsByRoom.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(session);
        Member member = rooms.computeIfAbsent(room, r -> new LinkedHashMap<>())
                .computeIfAbsent(who.userId(), id -> new Member(who, new ArrayList<>()));
        boolean first = member.connections().isEmpty();
        if (!member.connections().contains(session)) {
            member.connections().add(session);
        }
        return first;
    }

    /** Takes a connection out of a room; true when it was its user's last connection there. */
    synchronized boolean leave(RoomName room, Session session, Identity who) {
        Set<Session> connections = connectionsByRoom.get(room);
        if (connections != null) {
            connections.remove(session);
            if (connections.isEmpty()) {
                connectionsByRoom.remove(room);
            }
        }
        Map<String, Member> members = rooms.get(room);
        Member member = members == null ? null : members.get(who.userId());
        if (member == null || !member.connections().remove(session)) {
            return false;
        }
        if (member.connections().isEmpty()) {
            members.remove(who.userId());
            if (members.isEmpty()) {
                rooms.remove(room);
            }
            return true;
        }
        return false;
    }

    /** Users present in rooms, counted once per room they are in. */
    synchronized int memberCount() {
        return rooms.values().stream().mapToInt(Map::size).sum();
    }

    /** The connections in a room, for fan-out; a live view. */
    Collection<Session> connectionsIn(RoomName room) {
        return connectionsByRoom.getOrDefault(room, Set.of());
    }

    /** The users present in a room, in the order they came. */
    synchronized List<Identity> present(RoomName room) {
        return rooms.getOrDefault(room, Map.of()).values().stream().map(Member::identity).toList();
    }

    static ServerFrame.Member asMember(Identity who) {
        return new ServerFrame.Member(who.userId(), who.username().value());
    }

    private record Member(Identity identity, List<Session> connections) {
    }
}
