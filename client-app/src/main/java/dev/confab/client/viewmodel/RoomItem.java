package dev.confab.client.viewmodel;

import dev.confab.protocol.RoomName;

/** A room in the sidebar. */
public record RoomItem(RoomName room, int unread, boolean mentioned, boolean muted) {
    public String label() {
        return "# " + room.value();
    }
}
