package dev.confab.client.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.client.host.EmbeddedRoomHost;
import dev.confab.client.host.RoomHost;
import dev.confab.client.session.Delivery;
import dev.confab.client.testing.AppUnderTest;
import dev.confab.client.testing.ClosedAfterEach;
import dev.confab.client.viewmodel.ChatViewModel;
import dev.confab.client.viewmodel.RoomItem;
import dev.confab.protocol.RoomName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Read positions survive closing the app: what others wrote meanwhile shows as unread on the next start (without
 * a notification storm), reading a room clears it for good, and a muted room keeps its grey count out of the
 * title.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ReadPositionsUiTest {
    private static final RoomHost LOOPBACK = EmbeddedRoomHost.create("127.0.0.1", b -> b);
    private static final RoomName GENERAL = RoomName.of("general");

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
    void messagesWrittenWhileTheAppWasClosedShowAsUnreadUntilRead() throws Exception {
        server = closing.add(LOOPBACK.start("Office", dir.resolve("server"), 0));
        bob = join("bob", 0);
        ChatViewModel bobChat = bob.chat();
        enter(bob, "builds");
        enter(bob, "random");
        AppUnderTest.fx(() -> {
            bobChat.toggleMute(RoomName.of("random"));
            bobChat.selectedRoomProperty().set(GENERAL);
            return null;
        });
        bob.close();

        carol = join("carol", 1);
        enter(carol, "builds");
        carol.say("build 13 passed");
        carol.say("@bob can you look at the flaky test?");
        enter(carol, "random");
        carol.say("lunch at 12:30?");
        ChatViewModel carolChat = carol.chat();
        AppUnderTest.fx(() -> {
            carolChat.selectedRoomProperty().set(GENERAL);
            return null;
        });
        carol.say("morning all");
        awaitAllSent(carol, 1);

        bob = closing.add(AppUnderTest.open(dir.resolve("bob"), LOOPBACK, s -> { }, 0));
        bob.awaitChat();
        ChatViewModel restarted = bob.chat();
        await().atMost(AppUnderTest.WAIT).untilAsserted(() -> assertThat(rooms(restarted))
                .isEqualTo("general 0, builds @2, random 1 muted"));
        assertThat(AppUnderTest.fx(() -> restarted.windowTitleProperty().get())).isEqualTo("(2) #general — Confab");
        assertThat(badges(bob)).containsExactly("@ 2", "1");
        bob.awaitContents(List.of("morning all"));
        assertThat(AppUnderTest.fx(() -> restarted.toastProperty().get()))
                .as("a catch-up is counted, not notified").isEmpty();

        AppUnderTest.fx(() -> {
            restarted.selectUnread(1);
            return null;
        });
        bob.awaitContents(List.of("build 13 passed", "@bob can you look at the flaky test?"));
        await().atMost(AppUnderTest.WAIT).untilAsserted(() -> assertThat(rooms(restarted))
                .isEqualTo("general 0, builds 0, random 1 muted"));
        assertThat(AppUnderTest.fx(() -> restarted.windowTitleProperty().get())).isEqualTo("#builds — Confab");
        bob.close();

        Path positions = dir.resolve("bob/data/read-positions.properties");
        assertThat(positions).exists();
        bob = closing.add(AppUnderTest.open(dir.resolve("bob"), LOOPBACK, s -> { }, 0));
        bob.awaitChat();
        ChatViewModel third = bob.chat();
        bob.awaitContents(List.of("build 13 passed", "@bob can you look at the flaky test?"));
        await().atMost(AppUnderTest.WAIT).untilAsserted(() -> assertThat(rooms(third))
                .isEqualTo("general 0, builds 0, random 1 muted"));
        assertThat(ownerOnly(positions)).as("only bob may read where bob has read").isTrue();
    }

    /** Joins a room by typing its name in the sidebar's field, and waits until the app is in it. */
    private static void enter(AppUnderTest app, String room) {
        ChatViewModel chat = app.chat();
        AppUnderTest.fx(() -> chat.joinRoom(room));
        await().atMost(AppUnderTest.WAIT).until(() -> AppUnderTest.fx(() -> chat.members().stream()
                .anyMatch(m -> m.online()) && RoomName.of(room).equals(chat.selectedRoomProperty().get())));
    }

    private static void awaitAllSent(AppUnderTest app, int atLeast) {
        await().atMost(AppUnderTest.WAIT).until(() -> app.lines().size() >= atLeast
                && app.lines().stream().allMatch(l -> l.delivery() == Delivery.SENT));
    }

    /** "general 0, builds @2, random 1 muted": each room's unread count as the sidebar has it. */
    private static String rooms(ChatViewModel chat) {
        return AppUnderTest.fx(() -> chat.rooms().stream().map(ReadPositionsUiTest::describe)
                .collect(Collectors.joining(", ")));
    }

    private static String describe(RoomItem room) {
        return room.room().value() + " " + (room.mentioned() ? "@" : "") + room.unread()
                + (room.muted() ? " muted" : "");
    }

    /** The unread badges the sidebar shows, top to bottom. */
    private static List<String> badges(AppUnderTest app) {
        Node sidebar = app.node("#rooms");
        return AppUnderTest.fx(() -> sidebar.lookupAll(".unread-badge").stream()
                .filter(node -> node.isVisible() && node instanceof Label)
                .map(node -> ((Label) node).getText()).toList());
    }

    private static boolean ownerOnly(Path file) throws java.io.IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return true;
        }
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))
                .equals("rw-------");
    }
}
