package dev.confab.server.session;

import dev.confab.protocol.FrameCodec;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.ServerConfig;
import dev.confab.server.auth.Authenticator;
import dev.confab.server.store.MessageStore;
import dev.confab.server.store.StoredMessage;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** What the frame handlers share. */
record ChatContext(ServerConfig config, ServerFrame.ServerInfo serverInfo, FrameCodec codec, Clock clock,
                   MessageStore store, Authenticator authenticator, Presence presence, RoomHub hub) {

    Instant now() {
        return Instant.now(clock);
    }

    /** A stored message as clients see it: in full, or only its seq when it was deleted. */
    ServerFrame.Message toFrame(StoredMessage stored, @Nullable String replyTo) {
        ServerFrame.ChatMessage data = stored.deleted()
                ? ServerFrame.ChatMessage.deleted(stored.seq())
                : new ServerFrame.ChatMessage(stored.seq(), stored.content(), stored.userId(), stored.username(),
                        stored.clientId(), stored.replyTo(),
                        stored.metadataJson() == null ? null : codec.readObject(stored.metadataJson()).orElse(null),
                        stored.editedAt(), null);
        // The envelope names the author even for a deleted message; only the data is emptied.
        return new ServerFrame.Message(stored.room(), stored.username(), replyTo, stored.timestamp(), data);
    }
}
