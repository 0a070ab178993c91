package dev.confab.server.bus;

import dev.confab.protocol.RoomName;
import java.util.Map;

/** {@link SharedPresence} of a single node. */
enum NoSharedPresence implements SharedPresence {
    INSTANCE;

    @Override
    public boolean entered(RoomName room, String userId, String username) {
        return true;
    }

    @Override
    public boolean left(RoomName room, String userId) {
        return true;
    }

    @Override
    public Map<String, String> elsewhere(RoomName room) {
        return Map.of();
    }

    @Override
    public int connectionsElsewhere(String userId) {
        return 0;
    }

    @Override
    public void connectionsHere(String userId, int here) {
        // Only this node counts.
    }

    @Override
    public void onVanished(VanishedListener listener) {
        // Nobody vanishes when there is only this node.
    }
}
