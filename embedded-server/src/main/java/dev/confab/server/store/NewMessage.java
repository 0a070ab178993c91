package dev.confab.server.store;

import dev.confab.protocol.ClientId;
import dev.confab.protocol.MessageContent;
import dev.confab.protocol.RoomName;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A message to store. {@code metadataJson} is the client's {@code metadata} object as JSON text, already
 * validated by the protocol layer. The store assigns the seq.
 */
public record NewMessage(RoomName room, String userId, String username, @Nullable ClientId clientId,
                         MessageContent content, @Nullable Long replyTo, @Nullable String metadataJson,
                         Instant timestamp) {
}
