package dev.confab.client.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.client.host.EmbeddedRoomHost;
import dev.confab.client.host.RoomHost;
import dev.confab.client.session.ChatLine;
import dev.confab.client.session.Delivery;
import dev.confab.client.testing.AppUnderTest;
import dev.confab.client.testing.ClosedAfterEach;
import dev.confab.client.testing.WebSocketRelay;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The server goes away and comes back; the app loses nothing and doubles nothing, even across its own restart. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ReliabilityUiTest {
    private static final RoomHost LOOPBACK = EmbeddedRoomHost.create("127.0.0.1", b -> b);

    @RegisterExtension
    final ClosedAfterEach closing = new ClosedAfterEach();
    @TempDir
    Path dir;
    private RoomHost.Hosted server;
    private int port;
    private AppUnderTest bob;
    private AppUnderTest carol;

    private void startServer() {
        server = closing.add(LOOPBACK.start("Office", dir.resolve("server"), port));
        assertThat(server.port()).as("the server came back on its port").isEqualTo(port == 0 ? server.port() : port);
        port = server.port();
    }

    private AppUnderTest join(String name, int column) {
        return join(name, column, port);
    }

    private AppUnderTest join(String name, int column, int at) {
        return closing.add(AppUnderTest.open(dir.resolve(name), LOOPBACK, s -> s.displayName(name), column))
                .joinLoopback(at);
    }

    private static void awaitAllSent(AppUnderTest app) {
        await().atMost(AppUnderTest.WAIT)
                .until(() -> app.lines().stream().allMatch(l -> l.delivery() == Delivery.SENT));
    }

    @Test
    void aServerRestartMidChatReconnectsAndMessagesTypedOfflineGoOutOnce() {
        startServer();
        bob = join("bob", 0);
        bob.say("before 1");
        bob.say("before 2");
        bob.awaitContents(List.of("before 1", "before 2"));
        awaitAllSent(bob);

        server.close();
        await().atMost(AppUnderTest.WAIT).until(() -> !bob.state().equals("CHAT Connected"));
        assertThat(bob.text("#offline-banner")).isEqualTo("You're offline — messages will be sent when you're back.");
        bob.say("while offline");
        bob.awaitContents(List.of("before 1", "before 2", "while offline"));
        assertThat(bob.lines().getLast().delivery()).isEqualTo(Delivery.PENDING);

        startServer();
        bob.awaitChat();
        awaitAllSent(bob);
        assertThat(bob.lines()).extracting(ChatLine::seq).containsExactly(1L, 2L, 3L);

        carol = join("carol", 1);
        carol.awaitContents(List.of("before 1", "before 2", "while offline"));
        carol.say("got them all");
        bob.awaitContents(List.of("before 1", "before 2", "while offline", "got them all"));
    }

    @Test
    void aMessageWrittenOfflineSurvivesClosingTheAppAndGoesOutOnceOnTheNextStart() {
        startServer();
        bob = join("bob", 0);
        bob.say("first");
        awaitAllSent(bob);

        server.close();
        await().atMost(AppUnderTest.WAIT).until(() -> !bob.state().equals("CHAT Connected"));
        bob.say("written while the host was down");
        bob.awaitContents(List.of("first", "written while the host was down"));
        bob.close();

        startServer();
        bob = closing.add(AppUnderTest.open(dir.resolve("bob"), LOOPBACK, s -> { }, 0));
        bob.awaitChat();
        awaitAllSent(bob);
        bob.awaitContents(List.of("first", "written while the host was down"));

        carol = join("carol", 1);
        carol.awaitContents(List.of("first", "written while the host was down"));
    }

    @Test
    void whatOthersSaidWhileOnesConnectionWasDownArrivesOnceAndInOrderOnReconnect() {
        startServer();
        try (WebSocketRelay cable = WebSocketRelay.to(port)) {
            bob = join("bob", 0, cable.port());
            carol = join("carol", 1);
            carol.say("before the cut");
            bob.awaitContents(List.of("before the cut"));

            cable.cut();
            await().atMost(AppUnderTest.WAIT).until(() -> !bob.state().equals("CHAT Connected"));
            carol.say("missed 1");
            carol.say("missed 2");
            carol.say("missed 3");
            carol.awaitContents(List.of("before the cut", "missed 1", "missed 2", "missed 3"));
            awaitAllSent(carol);
            assertThat(bob.contents()).containsExactly("before the cut");

            cable.restore();
            bob.awaitChat();
            bob.awaitContents(List.of("before the cut", "missed 1", "missed 2", "missed 3"));
            // Said after the catch-up and seen by both: by then any doubled replay would be in bob's list too.
            bob.say("back");
            carol.awaitContents(List.of("before the cut", "missed 1", "missed 2", "missed 3", "back"));
            awaitAllSent(bob);
            assertThat(bob.contents()).containsExactly("before the cut", "missed 1", "missed 2", "missed 3", "back");
            assertThat(bob.lines()).extracting(ChatLine::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        }
    }
}
