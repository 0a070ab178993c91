package dev.confab.server.bus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.RoomName;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Message events in seq order, each once, whatever order and loss the broker delivers them with. */
class RoomSequencerTest {
    private static final RoomName ROOM = RoomName.of("general");
    private final AtomicLong now = new AtomicLong();
    private final List<String> delivered = new ArrayList<>();
    private RoomSequencer sequencer;

    @BeforeEach
    void create() {
        sequencer = new RoomSequencer("general", 5, now::get);
        sequencer.addSubscriber(event -> delivered.add(event.json()));
    }

    @Test
    void messagesAfterTheStartAreDeliveredInOrderOnce() {
        sequencer.start(10);
        sequencer.offer(message(9));
        sequencer.offer(message(12));
        sequencer.offer(message(11));
        sequencer.offer(message(11));
        sequencer.offer(message(13));

        assertThat(delivered).containsExactly("m11", "m12", "m13");
        assertThat(sequencer.delivered()).isEqualTo(13);
    }

    @Test
    void aHoleHoldsLaterMessagesUntilFilledAndReportsHowLongItWaited() {
        sequencer.start(0);
        sequencer.offer(message(1));
        sequencer.offer(message(3));
        now.set(50);
        assertThat(sequencer.waitingLongerThan(100)).isFalse();
        now.set(100);
        assertThat(sequencer.waitingLongerThan(100)).isTrue();

        sequencer.offer(message(2));
        assertThat(delivered).containsExactly("m1", "m2", "m3");
        assertThat(sequencer.waitingLongerThan(0)).isFalse();
    }

    @Test
    void otherEventsPassStraightThrough() {
        sequencer.start(0);
        sequencer.offer(message(2));
        sequencer.offer(new RoomEvent(ROOM, "typing", 0, null, null));
        assertThat(delivered).containsExactly("typing");
    }

    @Test
    void messagesBeforeTheStartAreHeldAndThoseCoveredByTheStartDropped() {
        sequencer.offer(message(4));
        sequencer.offer(message(6));
        sequencer.start(5);
        assertThat(delivered).containsExactly("m6");
    }

    @Test
    void aHoleThatHoldsTooManyIsGivenUp() {
        sequencer.start(0);
        for (long seq = 2; seq <= 7; seq++) {
            sequencer.offer(message(seq));
        }
        assertThat(delivered).containsExactly("m2", "m3", "m4", "m5", "m6", "m7");
        assertThat(sequencer.heldCount()).isZero();
    }

    private static RoomEvent message(long seq) {
        return new RoomEvent(ROOM, "m" + seq, seq, null, null);
    }
}
