package dev.confab.bench.peer;

import io.netty.channel.Channel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The peer's rooms: members and the next seq of each. Nothing is stored beyond that. */
final class PeerRooms {
    private final ConcurrentMap<String, Room> rooms = new ConcurrentHashMap<>();

    Room room(String name) {
        return rooms.computeIfAbsent(name, n -> new Room());
    }

    void leaveAll(Channel channel) {
        rooms.values().forEach(r -> r.members.remove(channel));
    }

    /** One room. Broadcasts hold its lock, so seqs reach every member in order. */
    static final class Room {
        final Set<Channel> members = ConcurrentHashMap.newKeySet();
        long lastSeq;
    }
}
