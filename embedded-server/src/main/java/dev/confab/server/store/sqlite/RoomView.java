package dev.confab.server.store.sqlite;

import dev.confab.protocol.RoomName;
import dev.confab.server.store.RoomInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rooms, their newest seq and their members, in memory: loaded from the database on open, then changed by
 * the caller's thread at the moment it queues the matching write (so the caller sees its own change at once),
 * and for seqs by the writer right after COMMIT (so a seq is never visible before it is durable).
 */
final class RoomView {
    private static final class Room {
        final AtomicLong lastSeq = new AtomicLong();
        final Set<String> members = ConcurrentHashMap.newKeySet();
    }

    private final ConcurrentMap<RoomName, Room> rooms = new ConcurrentHashMap<>();

    static RoomView load(Connection connection) throws SQLException {
        RoomView view = new RoomView();
        try (PreparedStatement statement = connection.prepareStatement("SELECT room, last_seq FROM rooms");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                view.room(RoomName.of(rows.getString(1))).lastSeq.set(rows.getLong(2));
            }
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT room, user_id FROM room_members");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                view.room(RoomName.of(rows.getString(1))).members.add(rows.getString(2));
            }
        }
        return view;
    }

    private Room room(RoomName name) {
        return rooms.computeIfAbsent(name, ignored -> new Room());
    }

    /** True when the room was not known before. */
    boolean ensure(RoomName name) {
        boolean[] created = {false};
        rooms.computeIfAbsent(name, ignored -> {
            created[0] = true;
            return new Room();
        });
        return created[0];
    }

    /** True when the user was not a member before. */
    boolean addMember(RoomName name, String userId) {
        return room(name).members.add(userId);
    }

    /** True when the user was a member. */
    boolean removeMember(RoomName name, String userId) {
        Room room = rooms.get(name);
        return room != null && room.members.remove(userId);
    }

    /** Called by the writer after COMMIT. */
    void committed(RoomName name, long seq) {
        room(name).lastSeq.accumulateAndGet(seq, Math::max);
    }

    long lastSeq(RoomName name) {
        Room room = rooms.get(name);
        return room == null ? 0 : room.lastSeq.get();
    }

    Set<String> members(RoomName name) {
        Room room = rooms.get(name);
        return room == null ? Set.of() : Set.copyOf(room.members);
    }

    List<RoomInfo> rooms() {
        return rooms.entrySet().stream()
                .map(entry -> new RoomInfo(entry.getKey(), entry.getValue().lastSeq.get()))
                .sorted(Comparator.comparing(info -> info.room().value()))
                .toList();
    }
}
