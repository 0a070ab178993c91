package dev.confab.client.session;

import dev.confab.protocol.RoomName;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A message the user wrote that the server has not yet stored. */
public record OutboxEntry(String clientId, String username, RoomName room, String content, @Nullable Long replyTo,
                          Instant createdAt) {
}
