package dev.confab.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.session.ChatLine;
import dev.confab.client.session.Delivery;
import dev.confab.protocol.RoomName;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

class TimelineTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private final Timeline timeline = new Timeline(ZoneOffset.UTC);

    static ChatLine line(long seq, String author, Instant time) {
        return new ChatLine(RoomName.of("general"), seq, null, author, "text " + seq, time, null, null, false, false,
                Delivery.SENT, author.equals("alice"));
    }

    @Test
    void groupsByAuthorWithinFiveMinutesAndMarksNewDays() {
        timeline.apply(List.of(
                line(1, "bob", T0),
                line(2, "bob", T0.plusSeconds(60)),
                line(3, "bob", T0.plusSeconds(60 + 301)),
                line(4, "alice", T0.plusSeconds(400)),
                line(5, "alice", T0.plusSeconds(86_400))), false);
        assertThat(timeline.items()).extracting(MessageItem::startsGroup)
                .containsExactly(true, false, true, true, true);
        assertThat(timeline.items()).extracting(i -> i.dayBreak() != null)
                .containsExactly(true, false, false, false, true);
    }

    @Test
    void aBurstOfNewMessagesIsOneChangeToTheList() {
        List<ChatLine> lines = new ArrayList<>(List.of(line(1, "bob", T0)));
        timeline.apply(lines, false);
        List<String> changes = new ArrayList<>();
        timeline.items().addListener((ListChangeListener<MessageItem>) c -> {
            while (c.next()) {
                changes.add(c.wasAdded() ? "add " + c.getFrom() + ".." + c.getTo() : c.toString());
            }
        });
        for (int i = 2; i <= 100; i++) {
            lines.add(line(i, "bob", T0.plusSeconds(i)));
        }
        timeline.apply(lines, false);
        assertThat(changes).containsExactly("add 1..100");
        assertThat(timeline.items()).hasSize(100);
    }

    @Test
    void olderHistoryIsInsertedAtTheTopInOneChange() {
        timeline.apply(List.of(line(10, "bob", T0.plusSeconds(10)), line(11, "bob", T0.plusSeconds(11))), true);
        List<String> changes = new ArrayList<>();
        timeline.items().addListener((ListChangeListener<MessageItem>) c -> {
            while (c.next()) {
                changes.add((c.wasReplaced() ? "replace " : c.wasAdded() ? "add " : "remove ")
                        + c.getFrom() + ".." + c.getTo());
            }
        });
        timeline.apply(List.of(line(8, "carol", T0), line(9, "carol", T0.plusSeconds(1)),
                line(10, "bob", T0.plusSeconds(10)), line(11, "bob", T0.plusSeconds(11))), false);
        // The old first row loses its day separator, so it is replaced along with the insert: still one change.
        assertThat(changes).containsExactly("replace 0..3");
        assertThat(timeline.hasOlderProperty().get()).isFalse();
    }

    @Test
    void aChangeInTheMiddleReplacesOnlyItsRowAndTheOneAfter() {
        List<ChatLine> lines = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            lines.add(line(i, "bob", T0.plusSeconds(i)));
        }
        timeline.apply(lines, false);
        List<String> changes = new ArrayList<>();
        timeline.items().addListener((ListChangeListener<MessageItem>) c -> {
            while (c.next()) {
                changes.add((c.wasReplaced() ? "replace " : c.wasAdded() ? "add " : "remove ")
                        + c.getFrom() + ".." + c.getTo());
            }
        });
        ChatLine old = lines.get(4);
        lines.set(4, new ChatLine(old.room(), old.seq(), null, old.author(), "", old.time(), null, null, false, true,
                Delivery.SENT, false));
        timeline.apply(lines, false);
        // After a deleted message the next one starts a new group: its row changes too, nothing else.
        assertThat(changes).containsExactly("replace 4..6");
        assertThat(timeline.items().get(5).startsGroup()).isTrue();
    }

    @Test
    void anyChangeGivesTheSameRowsAsBuildingFromScratch() {
        java.util.Random random = new java.util.Random(42);
        List<ChatLine> lines = new ArrayList<>();
        long nextSeq = 1000;
        long lowestSeq = 1000;
        for (int step = 0; step < 400; step++) {
            int what = random.nextInt(6);
            if (what <= 1 || lines.isEmpty()) {
                for (int n = random.nextInt(5) + 1; n > 0; n--) {
                    nextSeq++;
                    lines.add(line(nextSeq, random.nextBoolean() ? "bob" : "alice",
                            T0.plusSeconds(nextSeq * (random.nextInt(3) == 0 ? 400 : 30))));
                }
            } else if (what == 2) {
                lowestSeq--;
                lines.addFirst(line(lowestSeq, "carol", T0.plusSeconds(lowestSeq * 30)));
            } else if (what == 3) {
                int at = random.nextInt(lines.size());
                ChatLine old = lines.get(at);
                lines.set(at, new ChatLine(old.room(), old.seq(), null, old.author(), "", old.time(), null, null,
                        false, true, Delivery.SENT, old.own()));
            } else if (what == 4) {
                lines.remove(random.nextInt(lines.size()));
            } else {
                int at = random.nextInt(lines.size());
                ChatLine old = lines.get(at);
                lines.set(at, new ChatLine(old.room(), old.seq(), null, old.author(), old.content(), old.time(),
                        null, null, false, false, Delivery.SENT, old.own()));
            }
            timeline.apply(List.copyOf(lines), false);
            Timeline fresh = new Timeline(ZoneOffset.UTC);
            fresh.apply(List.copyOf(lines), false);
            assertThat(timeline.items()).as("after step %d", step).containsExactlyElementsOf(fresh.items());
        }
    }

    @Test
    void lastOwnEditableSkipsPendingAndOthers() {
        ChatLine pending = new ChatLine(RoomName.of("general"), 0, "c1", "alice", "pending", T0.plusSeconds(9), null,
                null, false, false, Delivery.PENDING, true);
        timeline.apply(List.of(line(1, "alice", T0), line(2, "bob", T0.plusSeconds(1)), pending), false);
        assertThat(timeline.lastOwnEditable()).isNotNull()
                .satisfies(item -> assertThat(item.line().seq()).isEqualTo(1));
    }
}
