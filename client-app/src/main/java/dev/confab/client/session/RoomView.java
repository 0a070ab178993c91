package dev.confab.client.session;

import dev.confab.protocol.RoomName;

/** A room in the sidebar: unread messages and whether any of them mentions the user. */
public record RoomView(RoomName room, int unread, boolean mentioned) {
}
