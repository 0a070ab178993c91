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
 * The list follows the newest message however batches and layouts interleave: a batch that moves the scroll bar
 * (the list grew) before the list has scrolled to the newest row is not the user scrolling up. Only the user
 * leaving the bottom stops the following.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StickToBottomUiTest {
    private static final int BATCHES = 20;
    private static final int BATCH = 100;

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
    void keepsFollowingWhenEachBatchIsLaidOutBeforeTheScrollToTheNewestRuns() {
        room = BigRoom.open(dir, BATCHES * BATCH + 1);
        for (int batch = 0; batch < BATCHES; batch++) {
            AppUnderTest.fx(() -> {
                room.append(BATCH);
                // A layout in the same event as the change, before the pane's scroll to the newest row has run:
                // what a burst of dispatches between two pulses can do.
                room.layout();
                return null;
            });
        }
        await().atMost(AppUnderTest.WAIT).untilAsserted(() -> assertThat(AppUnderTest.fx(() -> {
            room.layout();
            return room.shows(BATCHES * BATCH);
        })).as(() -> AppUnderTest.fx(room::describe)).isTrue());
        assertThat(AppUnderTest.fx(() -> room.pane().lookup("#jump-to-latest").isVisible())).isFalse();
    }

    @Test
    void stopsFollowingOnlyWhenTheUserScrollsUp() {
        room = BigRoom.open(dir, BATCHES * BATCH + 1);
        for (int batch = 0; batch < BATCHES; batch++) {
            AppUnderTest.fx(() -> {
                room.append(BATCH);
                room.layout();
                return null;
            });
        }
        await().atMost(AppUnderTest.WAIT).until(() -> AppUnderTest.fx(() -> {
            room.layout();
            return room.shows(BATCHES * BATCH);
        }));
        AppUnderTest.fx(() -> {
            ScrollBar bar = room.verticalBar();
            bar.setValue(bar.getMax() / 2);
            return null;
        });
        AppUnderTest.fx(() -> {
            room.append(1);
            room.layout();
            return null;
        });
        await().atMost(AppUnderTest.WAIT).until(() -> AppUnderTest.fx(
                () -> room.pane().lookup("#jump-to-latest").isVisible()));
        assertThat(AppUnderTest.fx(() -> room.shows(BATCHES * BATCH + 1))).isFalse();
    }
}
