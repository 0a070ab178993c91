package dev.confab.client.session;

import dev.confab.protocol.RoomName;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One message as the client shows it: stored (with a seq) or still pending in the outbox (with only a client id).
 *
 * @param seq the server's number, or 0 while pending
 * @param clientId the id this client gave it, if any
 * @param replyPreview the quoted original ("bob: anyone up for lunch?"), when this is a reply and it is known
 */
public record ChatLine(RoomName room, long seq, @Nullable String clientId, String author, String content,
                       Instant time, @Nullable Long replyTo, @Nullable String replyPreview, boolean edited,
                       boolean deleted, Delivery delivery, boolean own) {

    /** Stable identity across the pending → stored transition: the client id when there is one, else the seq. */
    public String key() {
        return clientId != null ? "c:" + author.toLowerCase(java.util.Locale.ROOT) + ":" + clientId : "s:" + seq;
    }

    public boolean pending() {
        return delivery != Delivery.SENT;
    }

    ChatLine withContent(String newContent) {
        return new ChatLine(room, seq, clientId, author, newContent, time, replyTo, replyPreview, true, deleted,
                delivery, own);
    }

    ChatLine asDeleted() {
        return new ChatLine(room, seq, clientId, author, "", time, replyTo, null, edited, true, delivery, own);
    }

    ChatLine withDelivery(Delivery newDelivery) {
        return new ChatLine(room, seq, clientId, author, content, time, replyTo, replyPreview, edited, deleted,
                newDelivery, own);
    }
}
