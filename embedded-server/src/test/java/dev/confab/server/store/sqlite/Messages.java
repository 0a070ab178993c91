package dev.confab.server.store.sqlite;

import dev.confab.protocol.ClientId;
import dev.confab.protocol.MessageContent;
import dev.confab.protocol.RoomName;
import dev.confab.server.store.NewMessage;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Test data: new messages. */
final class Messages {
    static final Instant T0 = Instant.parse("2026-11-21T12:00:00.000Z");

    private Messages() {
    }

    static NewMessage message(String room, String userId, @Nullable String clientId, String content) {
        return new NewMessage(RoomName.of(room), userId, "name-" + userId,
                clientId == null ? null : ClientId.of(clientId), MessageContent.of(content), null, null, T0);
    }

    static NewMessage message(String room, String userId, String content) {
        return message(room, userId, null, content);
    }
}
