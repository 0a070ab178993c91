package dev.confab.client.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.net.DropReason;
import dev.confab.client.session.ChatLine;
import dev.confab.client.session.Delivery;
import dev.confab.client.session.RoomView;
import dev.confab.client.session.SessionEvent;
import dev.confab.client.session.SessionStatus;
import dev.confab.protocol.RoomName;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UiDispatcherTest {
    private static final RoomName GENERAL = RoomName.of("general");
    private static final RoomName BUILDS = RoomName.of("builds");

    private static SessionEvent.TimelineChanged timeline(RoomName room, int lines) {
        List<ChatLine> all = java.util.stream.IntStream.rangeClosed(1, lines)
                .mapToObj(seq -> new ChatLine(room, seq, null, "bob", "m" + seq, Instant.EPOCH, null, null, false,
                        false, Delivery.SENT, false)).toList();
        return new SessionEvent.TimelineChanged(room, all, false);
    }

    @Test
    void aBurstKeepsOnlyTheLastSnapshotOfEachRoomAndEveryOtherEventInOrder() {
        SessionEvent offline = new SessionEvent.StatusChanged(new SessionStatus.Offline(DropReason.LOST));
        SessionEvent online = new SessionEvent.StatusChanged(new SessionStatus.Online());
        SessionEvent arrivedFirst = new SessionEvent.MessageArrived(timeline(BUILDS, 1).lines().getFirst(), false);
        SessionEvent arrivedSecond = new SessionEvent.MessageArrived(timeline(BUILDS, 2).lines().getLast(), true);
        SessionEvent roomsBefore = new SessionEvent.RoomsChanged(List.of(new RoomView(BUILDS, 1, false)));
        SessionEvent roomsAfter = new SessionEvent.RoomsChanged(List.of(new RoomView(BUILDS, 2, true)));

        List<SessionEvent> batch = List.of(offline, timeline(GENERAL, 1), arrivedFirst, roomsBefore,
                timeline(BUILDS, 1), timeline(GENERAL, 2), online, arrivedSecond, roomsAfter, timeline(BUILDS, 2),
                timeline(GENERAL, 3));

        assertThat(UiDispatcher.coalesce(batch)).containsExactly(offline, arrivedFirst, online, arrivedSecond,
                roomsAfter, timeline(BUILDS, 2), timeline(GENERAL, 3));
    }

    @Test
    void aBatchWithNothingToCoalesceIsUnchanged() {
        List<SessionEvent> batch = List.of(timeline(GENERAL, 1), timeline(BUILDS, 1),
                new SessionEvent.TypingChanged(GENERAL, List.of("bob")),
                new SessionEvent.MembersChanged(GENERAL, List.of()));
        assertThat(UiDispatcher.coalesce(batch)).isEqualTo(batch);
    }
}
