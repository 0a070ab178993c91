package dev.confab.server.store;

import dev.confab.protocol.RoomName;

/** A room that exists, with the seq of its newest message (0 when it has none). */
public record RoomInfo(RoomName room, long lastSeq) {
}
