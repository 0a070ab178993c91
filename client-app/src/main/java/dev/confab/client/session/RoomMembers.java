package dev.confab.client.session;

import dev.confab.protocol.RoomName;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Who is in each room and whether they are online, from joined_room, user_list and user_joined/user_left. Names
 * are keyed case-insensitively, as the server treats them. Not thread-safe: the session calls it under its lock.
 */
final class RoomMembers {
    private static final Comparator<MemberView> ONLINE_FIRST_BY_NAME = Comparator
            .comparing((MemberView m) -> !m.online())
            .thenComparing(m -> m.username().toLowerCase(Locale.ROOT));

    private final SessionListener listener;
    private final Map<RoomName, Map<String, MemberView>> members = new LinkedHashMap<>();

    RoomMembers(SessionListener listener) {
        this.listener = listener;
    }

    /** Someone came or went (or was listed as present on join); kept, as offline, when they go. */
    void presence(RoomName room, String username, boolean online) {
        members(room).put(username.toLowerCase(Locale.ROOT), new MemberView(username, online));
    }

    /** The server's full list replaces what was known. */
    void replace(RoomName room, List<MemberView> list) {
        Map<String, MemberView> inRoom = members(room);
        inRoom.clear();
        list.forEach(m -> inRoom.put(m.username().toLowerCase(Locale.ROOT), m));
    }

    /** The room was left: its members go with it. */
    void forget(RoomName room) {
        members.remove(room);
    }

    /** Sends the room's members, online first, then by name, to the listener. */
    void announce(RoomName room) {
        listener.onEvent(new SessionEvent.MembersChanged(room,
                members(room).values().stream().sorted(ONLINE_FIRST_BY_NAME).toList()));
    }

    private Map<String, MemberView> members(RoomName room) {
        return members.computeIfAbsent(room, r -> new LinkedHashMap<>());
    }
}
