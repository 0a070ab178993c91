package dev.confab.server.bus;

import dev.confab.protocol.RoomName;
import java.util.Map;

/**
 * Who is in a room on the other nodes. A node reports only when a user's first connection in a room arrives on it
 * and when their last one there goes; the answers say whether that made the user new to (or gone from) the room
 * across all nodes, which decides whether {@code user_joined} / {@code user_left} is announced. A single node uses
 * {@link #none()}: nobody is elsewhere.
 */
public interface SharedPresence {

    /** This node now holds the user in the room; true when no other node did (announce them). */
    boolean entered(RoomName room, String userId, String username);

    /** This node no longer holds the user in the room; true when no other node does (announce they left). */
    boolean left(RoomName room, String userId);

    /** The users in the room on other live nodes: user id to name. */
    Map<String, String> elsewhere(RoomName room);

    /** Signed-in connections the user has open on the other live nodes (for the per-user connection limit). */
    int connectionsElsewhere(String userId);

    /** The user now has {@code here} signed-in connections on this node (0 when the last one closed). */
    void connectionsHere(String userId, int here);

    /** Tells {@code listener} about users who vanished with a node that stopped without saying so. */
    void onVanished(VanishedListener listener);

    /** A user who left a room because their node vanished; announced by exactly one surviving node. */
    @FunctionalInterface
    interface VanishedListener {
        void vanished(RoomName room, String userId, String username);
    }

    /** Presence of a single node: nothing is shared. */
    static SharedPresence none() {
        return NoSharedPresence.INSTANCE;
    }
}
