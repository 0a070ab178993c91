package dev.confab.client.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.client.testing.AppUnderTest;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ScrollBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * The "virtualized and smooth with 100,000 messages": the list holds every message but makes cell nodes
 * only for the few in view, opens at the newest, scrolls to the oldest and back, and follows new messages.
 * How long it takes is measured by {@code MessageListBenchmark}, not asserted here.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class HundredThousandMessagesUiTest {
    private static final int MESSAGES = 100_000;
    /** Big batches keep the test quick; the benchmark appends in the app's burst size. */
    private static final int BATCH = 5_000;
    private static final int MAX_CELL_NODES = 200;

    @TempDir
    Path dir;
    private BigRoom room;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() {
        if (room != null) {
            room.close();
        }
    }

    @Test
    void showsAHundredThousandMessagesWithAFewCellsAndScrollsEndToEnd() {
        room = BigRoom.open(dir, MESSAGES);
        for (int sent = 0; sent < MESSAGES; sent += BATCH) {
            AppUnderTest.fx(() -> {
                room.append(BATCH);
                return null;
            });
        }

        // Every message is a row (a day break is drawn inside its first message's row, not as a row of its own).
        assertThat(AppUnderTest.fx(() -> room.list().getItems().size())).isEqualTo(MESSAGES);
        assertThat(AppUnderTest.fx(() -> room.list().getItems().stream()
                .filter(item -> item.dayBreak() != null).count())).isGreaterThan(1L);
        await().atMost(AppUnderTest.WAIT).until(() -> AppUnderTest.fx(() -> room.shows(MESSAGES)));
        assertThat(AppUnderTest.fx(room::cellNodes)).isBetween(1, MAX_CELL_NODES);

        // Opening the room afresh starts at the newest message too.
        AppUnderTest.fx(() -> {
            room.reselect();
            return null;
        });
        await().atMost(AppUnderTest.WAIT).until(() -> AppUnderTest.fx(() -> {
            room.layout();
            return room.shows(MESSAGES);
        }));

        scrollTo(ScrollBar::getMin);
        await().atMost(AppUnderTest.WAIT).until(() -> AppUnderTest.fx(() -> {
            room.layout();
            return room.shows(1);
        }));
        assertThat(AppUnderTest.fx(() -> room.shows(MESSAGES))).isFalse();
        assertThat(AppUnderTest.fx(room::cellNodes)).isBetween(1, MAX_CELL_NODES);

        scrollTo(ScrollBar::getMax);
        await().atMost(AppUnderTest.WAIT).until(() -> AppUnderTest.fx(() -> {
            room.layout();
            return room.shows(MESSAGES);
        }));

        AppUnderTest.fx(() -> {
            room.append(1);
            return null;
        });
        await().atMost(AppUnderTest.WAIT).until(() -> AppUnderTest.fx(() -> {
            room.layout();
            return room.shows(MESSAGES + 1);
        }));
        assertThat(AppUnderTest.fx(() -> room.list().getItems().size())).isEqualTo(MESSAGES + 1);
        assertThat(AppUnderTest.fx(room::cellNodes)).isBetween(1, MAX_CELL_NODES);
    }

    private void scrollTo(java.util.function.ToDoubleFunction<ScrollBar> end) {
        AppUnderTest.fx(() -> {
            ScrollBar bar = room.verticalBar();
            bar.setValue(end.applyAsDouble(bar));
            return null;
        });
    }
}
