package dev.confab.server.bus;

import dev.confab.protocol.FrameCodec;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.store.StoredMessage;
import org.jspecify.annotations.Nullable;

/**
 * A stored message as clients see it: in full, or only its seq when it was deleted. Shared by the protocol
 * handlers and by a bus that heals a gap from the store, so a healed message is the same text as a live one.
 */
public final class MessageFrames {
    private MessageFrames() {
    }

    /** The {@code message} frame for a stored message; {@code replyTo} answers a request (null for broadcast). */
    public static ServerFrame.Message toFrame(FrameCodec codec, StoredMessage stored, @Nullable String replyTo) {
        ServerFrame.ChatMessage data = stored.deleted()
                ? ServerFrame.ChatMessage.deleted(stored.seq())
                : new ServerFrame.ChatMessage(stored.seq(), stored.content(), stored.userId(), stored.username(),
                        stored.clientId(), stored.replyTo(),
                        stored.metadataJson() == null ? null : codec.readObject(stored.metadataJson()).orElse(null),
                        stored.editedAt(), null);
        // The envelope names the author even for a deleted message; only the data is emptied.
        return new ServerFrame.Message(stored.room(), stored.username(), replyTo, stored.timestamp(), data);
    }

    /** The room event that broadcasts a stored message. */
    public static RoomEvent toEvent(FrameCodec codec, StoredMessage stored) {
        return new RoomEvent(stored.room(), codec.encode(toFrame(codec, stored, null)), stored.seq(), null, null);
    }
}
