package dev.confab.server.store;

import dev.confab.protocol.RoomName;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A message as stored. A deleted message keeps its seq, author and time, with {@code content} null and
 * {@code deleted} true; what a client is shown of it is decided by the protocol layer.
 */
public record StoredMessage(RoomName room, long seq, String userId, String username, @Nullable String clientId,
                            @Nullable String content, @Nullable Long replyTo, @Nullable String metadataJson,
                            Instant timestamp, @Nullable Instant editedAt, boolean deleted) {
}
