package dev.confab.client.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.client.host.EmbeddedRoomHost;
import dev.confab.client.host.RoomHost;
import dev.confab.client.session.Delivery;
import dev.confab.client.testing.AppUnderTest;
import dev.confab.client.testing.ClosedAfterEach;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ScrollBar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A long room: only the newest page loads, scrolling to the top loads the rest, and new messages offer a pill. */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ScrollingUiTest {
    private static final RoomHost LOOPBACK = EmbeddedRoomHost.create("127.0.0.1", b -> b);
    private static final int MESSAGES = 90;

    @RegisterExtension
    final ClosedAfterEach closing = new ClosedAfterEach();
    @TempDir
    Path dir;
    private RoomHost.Hosted server;
    private AppUnderTest bob;
    private AppUnderTest carol;

    private AppUnderTest join(String name, int column) {
        return closing.add(AppUnderTest.open(dir.resolve(name), LOOPBACK, s -> s.displayName(name), column))
                .joinLoopback(server.port());
    }

    @Test
    void olderHistoryLoadsOnScrollingUpAndNewMessagesOfferJumpToLatest() {
        server = closing.add(LOOPBACK.start("Long room", dir.resolve("server"), 0));
        bob = join("bob", 0);
        // In batches below the server's burst allowance, so none is rate limited.
        for (int batch = 0; batch < MESSAGES / 30; batch++) {
            int first = batch * 30;
            AppUnderTest.fx(() -> {
                for (int i = first + 1; i <= first + 30; i++) {
                    bob.chat().composer().draftProperty().set("message " + i);
                    bob.chat().send();
                }
                return null;
            });
            int expected = first + 30;
            await().atMost(AppUnderTest.WAIT).until(() -> bob.lines().size() == expected
                    && bob.lines().stream().allMatch(l -> l.delivery() == Delivery.SENT));
        }

        carol = join("carol", 1);
        // Only the newest page arrives on joining. (Sends the server rate-limited were sent again later, so the
        // server's order may differ slightly from the typing order; each message is still stored once.)
        await().atMost(AppUnderTest.WAIT).until(() -> carol.lines().size() == 50);
        assertThat(carol.lines()).extracting(l -> l.seq())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(41, 90).boxed().toList());

        await().atMost(AppUnderTest.WAIT).until(() -> scrollPosition(carol) > 0.99);
        scrollToTop(carol);
        await().atMost(AppUnderTest.WAIT).until(() -> carol.lines().size() == MESSAGES);
        // The page arrived above: the message being read stays in view, the list does not jump to the top.
        await().atMost(AppUnderTest.WAIT).until(() -> scrollPosition(carol) > 0.2);
        assertThat(carol.lines()).extracting(l -> l.seq())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 90).boxed().toList());
        assertThat(carol.contents()).containsExactlyInAnyOrderElementsOf(
                java.util.stream.IntStream.rangeClosed(1, MESSAGES).mapToObj(i -> "message " + i).toList());

        scrollToTop(carol);
        bob.say("are you still reading?");
        await().atMost(AppUnderTest.WAIT).until(() -> carol.contents().getLast().equals("are you still reading?"));
        Node pill = carol.node("#jump-to-latest");
        await().atMost(AppUnderTest.WAIT).until(() -> AppUnderTest.fx(pill::isVisible));
        carol.click("#jump-to-latest");
        await().atMost(AppUnderTest.WAIT).until(() -> !AppUnderTest.fx(pill::isVisible));
    }

    private static void scrollToTop(AppUnderTest app) {
        verticalBar(app).ifPresent(bar -> AppUnderTest.fx(() -> {
            bar.setValue(bar.getMin());
            return null;
        }));
    }

    private static double scrollPosition(AppUnderTest app) {
        return verticalBar(app).map(bar -> AppUnderTest.fx(bar::getValue)).orElse(-1.0);
    }

    private static java.util.Optional<ScrollBar> verticalBar(AppUnderTest app) {
        Node list = app.node("#messages");
        return AppUnderTest.fx(() -> list.lookupAll(".scroll-bar").stream()
                .filter(node -> node instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL)
                .map(ScrollBar.class::cast).findFirst());
    }
}
