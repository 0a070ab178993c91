package dev.confab.client.session;

import dev.confab.client.net.Transport;
import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ClientId;
import dev.confab.protocol.MessageContent;
import dev.confab.protocol.RoomName;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The user's messages on their way: written to the durable {@link Outbox} first, shown as pending lines, sent
 * with their client id, sent again (same id) after a reconnect or a rate limit, and dropped from the outbox when
 * their echo arrives. Not thread-safe: the session calls it under its lock.
 */
final class PendingMessages {
    static final String SEND_PREFIX = "send-";

    private final Transport transport;
    private final Outbox outbox;
    private final Clock clock;

    PendingMessages(Transport transport, Outbox outbox, Clock clock) {
        this.transport = transport;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Stores a new message in the outbox and shows it pending in its room; its client id. */
    OutboxEntry write(RoomState state, @Nullable String me, String text, @Nullable Long replyTo) {
        OutboxEntry entry = new OutboxEntry(UUID.randomUUID().toString(), me == null ? "" : me, state.room, text,
                replyTo, clock.instant());
        outbox.add(entry);
        state.putPending(pendingLine(state, me, entry));
        return entry;
    }

    void transmit(OutboxEntry entry) {
        transport.send(new ClientFrame.SendMessage(SEND_PREFIX + entry.clientId(), entry.room(),
                new ClientFrame.Outgoing(MessageContent.of(entry.content()), ClientId.of(entry.clientId()),
                        entry.replyTo(), null)));
    }

    /** Sends one message again (after "Retry"), when it is still in the outbox. */
    void resend(String clientId) {
        outbox.entries().stream().filter(e -> e.clientId().equals(clientId)).findFirst().ifPresent(this::transmit);
    }

    /** The echo of a message arrived: it is stored, so it leaves the outbox. */
    void delivered(String clientId) {
        outbox.remove(clientId);
    }

    /** Sends the user's messages still pending in a room that was just joined. */
    void sendWaiting(RoomState state, @Nullable String me) {
        outbox.entries().stream()
                .filter(e -> e.room().equals(state.room) && mine(e, me) && state.hasPending(e.clientId()))
                .forEach(this::transmit);
    }

    /** Sends again every message waiting for its echo in a joined room (after the server said "too fast"). */
    void resendAll(Function<RoomName, @Nullable RoomState> rooms, @Nullable String me) {
        for (OutboxEntry entry : outbox.entries()) {
            RoomState state = rooms.apply(entry.room());
            if (state != null && state.joined && mine(entry, me) && state.isPending(entry.clientId())) {
                transmit(entry);
            }
        }
    }

    /** Shows the user's messages from the outbox (after a restart) as pending lines in their rooms. */
    void restore(@Nullable String me, Function<RoomName, RoomState> room) {
        for (OutboxEntry entry : outbox.entries()) {
            if (mine(entry, me)) {
                RoomState state = room.apply(entry.room());
                state.putPending(pendingLine(state, me, entry));
            }
        }
    }

    private static boolean mine(OutboxEntry entry, @Nullable String me) {
        return me != null && (entry.username().isEmpty() || entry.username().equalsIgnoreCase(me));
    }

    private static ChatLine pendingLine(RoomState state, @Nullable String me, OutboxEntry entry) {
        return new ChatLine(entry.room(), 0, entry.clientId(), me == null ? entry.username() : me, entry.content(),
                entry.createdAt(), entry.replyTo(), state.preview(entry.replyTo()), false, false, Delivery.PENDING,
                true);
    }
}
