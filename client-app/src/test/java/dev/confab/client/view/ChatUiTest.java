package dev.confab.client.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.client.discovery.LanBrowser;
import dev.confab.client.host.EmbeddedRoomHost;
import dev.confab.client.host.RoomHost;
import dev.confab.client.session.Delivery;
import dev.confab.client.testing.AppUnderTest;
import dev.confab.client.testing.ClosedAfterEach;
import dev.confab.client.viewmodel.MessageItem;
import dev.confab.client.viewmodel.RoomItem;
import dev.confab.protocol.RoomName;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Orientation;
import javafx.scene.AccessibleAttribute;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Two people in the real app on one real server: what one does, the other sees, in the rendered window. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChatUiTest {
    private static final RoomHost LOOPBACK = EmbeddedRoomHost.create("127.0.0.1", b -> b);

    @RegisterExtension
    final ClosedAfterEach closing = new ClosedAfterEach();
    @TempDir
    Path dir;
    private RoomHost.Hosted server;
    private final List<String> opened = new CopyOnWriteArrayList<>();
    private AppUnderTest alice;
    private AppUnderTest bob;

    @BeforeEach
    void twoPeopleInGeneral() {
        server = closing.add(LOOPBACK.start("Office", dir.resolve("server"), 0));
        alice = join(AppUnderTest.open(dir.resolve("alice"), LOOPBACK, s -> s.displayName("alice"), 0,
                LanBrowser.none(), opened::add));
        bob = join(AppUnderTest.open(dir.resolve("bob"), LOOPBACK, s -> s.displayName("bob"), 1));
    }

    private AppUnderTest join(AppUnderTest app) {
        return closing.add(app).joinLoopback(server.port());
    }

    @Test
    void anotherUsersEditAndDeleteShowTheirMarkers() {
        bob.say("lunch at noon?");
        bob.say("in the usual place");
        alice.awaitContents(List.of("lunch at noon?", "in the usual place"));
        await().atMost(AppUnderTest.WAIT)
                .until(() -> bob.lines().stream().allMatch(l -> l.delivery() == Delivery.SENT));

        // Up in the empty composer edits bob's last message; Esc drops the edit; Up again, new text, Enter saves.
        bob.click("#composer").press(KeyCode.UP);
        assertThat(bob.text("#composer")).isEqualTo("in the usual place");
        assertThat(bob.text("#composer-banner")).isEqualTo("Editing your message — Esc to cancel");
        bob.press(KeyCode.ESCAPE);
        assertThat(bob.text("#composer")).isEmpty();
        assertThat(bob.node("#composer-banner").isVisible()).isFalse();
        bob.press(KeyCode.UP);
        bob.typeInto("#composer", "in the new place").press(KeyCode.ENTER);

        alice.awaitContents(List.of("lunch at noon?", "in the new place"));
        assertThat(alice.lines().get(1).edited()).isTrue();
        // The second message of bob's group has no header: its marker trails its text, and it is on screen.
        await().atMost(AppUnderTest.WAIT).until(() -> alice.all(".message-edited-inline").stream()
                .anyMatch(n -> AppUnderTest.fx(() -> n.isVisible() && n.getScene() != null
                        && ((javafx.scene.text.Text) n).getText().contains("(edited)"))));

        MessageItem first = AppUnderTest.fx(() -> bob.chat().timelineProperty().get().items().getFirst());
        AppUnderTest.fx(() -> {
            bob.chat().delete(first);
            return null;
        });
        await().atMost(AppUnderTest.WAIT).until(() -> alice.lines().getFirst().deleted());
        await().atMost(AppUnderTest.WAIT).until(() -> alice.all(".message-deleted").stream()
                .anyMatch(n -> AppUnderTest.fx(() -> ((Label) n).getText().equals("This message was deleted."))));
        assertThat(alice.showsText("lunch at noon?")).isFalse();
    }

    @Test
    void theMainControlsHaveNamesAScreenReaderCanSay() {
        assertThat(spoken(alice, "#messages")).isEqualTo("Messages in #general");
        assertThat(spoken(alice, "#composer")).isEqualTo("Message text. Enter sends, Shift+Enter adds a line.");
        assertThat(spoken(alice, "#send")).isEqualTo("Send");
        assertThat(spoken(alice, "#rooms")).isEqualTo("Rooms");
        assertThat(spoken(alice, "#room-field")).isEqualTo("Jump to room");
        assertThat(spoken(alice, "#members")).isEqualTo("Members");
        assertThat(spoken(alice, "#members-toggle")).isEqualTo("Members");
        assertThat(spoken(alice, "#account-button")).isEqualTo("Account");
        assertThat(spoken(alice, "#settings-button")).isEqualTo("Settings");
        await().atMost(AppUnderTest.WAIT).until(() -> memberCells(alice).contains("bob, online"));

        AppUnderTest.fx(() -> alice.chat().joinRoom("random"));
        await().atMost(AppUnderTest.WAIT).until(() -> spoken(alice, "#messages").equals("Messages in #random"));
    }

    /** What assistive technology is told a control is called. */
    private static String spoken(AppUnderTest app, String id) {
        Node node = app.node(id);
        return AppUnderTest.fx(() -> String.valueOf(node.queryAccessibleAttribute(AccessibleAttribute.TEXT)));
    }

    @Test
    void theMemberListFollowsAnotherUserGoingOfflineAndComingBack() {
        await().atMost(AppUnderTest.WAIT).until(() -> memberCells(alice).contains("bob, online"));
        bob.close();
        await().atMost(AppUnderTest.WAIT).until(() -> memberCells(alice).contains("bob, offline"));

        bob = closing.add(AppUnderTest.open(dir.resolve("bob"), LOOPBACK, s -> { }, 1));
        bob.awaitChat();
        await().atMost(AppUnderTest.WAIT).until(() -> memberCells(alice).contains("bob, online"));
        assertThat(memberCells(alice)).contains("alice, online").doesNotContain("bob, offline");
    }

    private static List<String> memberCells(AppUnderTest app) {
        Node list = app.node("#members");
        return AppUnderTest.fx(() -> list.lookupAll(".list-cell").stream()
                .filter(n -> n instanceof ListCell<?> cell && !cell.isEmpty())
                .map(Node::getAccessibleText).toList());
    }

    @Test
    void theKeyboardShortcutsMoveBetweenRoomsAndLeavingARoomDropsIt() {
        alice.chord(KeyCode.K, KeyCode.CONTROL);
        assertThat(focusedId(alice)).isEqualTo("room-field");
        alice.robot().write("random");
        assertThat(alice.text("#room-field")).isEqualTo("random");
        alice.press(KeyCode.ENTER);
        await().atMost(AppUnderTest.WAIT).untilAsserted(() -> assertThat(roomNames(alice))
                .containsExactly("general", "random"));
        assertThat(selected(alice)).isEqualTo("random");

        alice.chord(KeyCode.UP, KeyCode.ALT);
        assertThat(selected(alice)).isEqualTo("general");
        alice.chord(KeyCode.DOWN, KeyCode.ALT);
        assertThat(selected(alice)).isEqualTo("random");

        // A message in the room alice is not looking at: Ctrl+Shift+Up jumps to that unread room.
        bob.say("anyone there?");
        await().atMost(AppUnderTest.WAIT).until(() -> AppUnderTest.fx(() -> alice.chat().rooms().stream()
                .anyMatch(r -> r.room().value().equals("general") && r.unread() == 1)));
        alice.chord(KeyCode.UP, KeyCode.CONTROL, KeyCode.SHIFT);
        assertThat(selected(alice)).isEqualTo("general");
        alice.chord(KeyCode.DOWN, KeyCode.CONTROL, KeyCode.SHIFT);
        assertThat(selected(alice)).as("no other room has unread messages").isEqualTo("general");

        alice.chord(KeyCode.COMMA, KeyCode.CONTROL);
        await().atMost(AppUnderTest.WAIT).until(() -> settingsWindow() != null);
        AppUnderTest.fx(() -> {
            settingsWindow().hide();
            return null;
        });

        Node rooms = alice.node("#rooms");
        Node randomCell = AppUnderTest.fx(() -> rooms.lookupAll(".list-cell").stream()
                .filter(c -> c instanceof ListCell<?> cell && cell.getItem() instanceof RoomItem item
                        && item.room().value().equals("random"))
                .findFirst().orElseThrow());
        // The room's own context menu item (headless glass opens no popup for a robot's right click).
        AppUnderTest.fx(() -> {
            ((ListCell<?>) randomCell).getContextMenu().getItems().stream()
                    .filter(item -> "Leave room".equals(item.getText())).findFirst().orElseThrow().fire();
            return null;
        });
        await().atMost(AppUnderTest.WAIT).untilAsserted(() -> assertThat(roomNames(alice)).containsExactly("general"));
        assertThat(selected(alice)).isEqualTo("general");
    }

    private static String focusedId(AppUnderTest app) {
        return AppUnderTest.fx(() -> {
            Node owner = app.window().stage().getScene().getFocusOwner();
            return owner == null ? "" : String.valueOf(owner.getId());
        });
    }

    private static List<String> roomNames(AppUnderTest app) {
        return AppUnderTest.fx(() -> app.chat().rooms().stream().map(r -> r.room().value()).toList());
    }

    private static String selected(AppUnderTest app) {
        return AppUnderTest.fx(() -> {
            RoomName room = app.chat().selectedRoomProperty().get();
            return room == null ? "" : room.value();
        });
    }

    private static Window settingsWindow() {
        return AppUnderTest.fx(() -> Window.getWindows().stream()
                .filter(w -> w instanceof javafx.stage.Stage s && "Settings".equals(s.getTitle()) && w.isShowing())
                .findFirst().orElse(null));
    }

    @Test
    void aLinkInAMessageIsClickableAndOpensThroughTheDesktop() {
        bob.say("the guide is at https://example.org/guide?page=2 have a look");
        alice.awaitContents(List.of("the guide is at https://example.org/guide?page=2 have a look"));
        await().atMost(AppUnderTest.WAIT).until(() -> link(alice) != null);
        alice.robot().clickOn(link(alice));
        await().atMost(AppUnderTest.WAIT).until(() -> opened.equals(List.of("https://example.org/guide?page=2")));
    }

    private static Hyperlink link(AppUnderTest app) {
        return app.all(".message-link").stream().map(Hyperlink.class::cast)
                .filter(h -> AppUnderTest.fx(() -> h.getText().equals("https://example.org/guide?page=2")))
                .findFirst().orElse(null);
    }

    @Test
    void longTextWrapsIntoATallerRowWithoutScrollingSideways() {
        String longText = "This is a long message that goes on. ".repeat(30).strip();
        alice.say("short");
        alice.say(longText);
        alice.awaitContents(List.of("short", longText));
        await().atMost(AppUnderTest.WAIT).until(() -> cell(alice, longText) != null && cell(alice, "short") != null);

        ListCell<?> tall = cell(alice, longText);
        ListCell<?> low = cell(alice, "short");
        Node list = alice.node("#messages");
        double[] sizes = AppUnderTest.fx(() -> new double[] {
            tall.getHeight(), low.getHeight(), tall.getWidth(), list.getLayoutBounds().getWidth()});
        assertThat(sizes[0]).as("the long message's row is several lines high").isGreaterThan(sizes[1] * 3);
        assertThat(sizes[2]).as("the row is no wider than the list").isLessThanOrEqualTo(sizes[3]);
        boolean sideways = AppUnderTest.fx(() -> list.lookupAll(".scroll-bar").stream()
                .anyMatch(n -> n instanceof ScrollBar bar && bar.getOrientation() == Orientation.HORIZONTAL
                        && bar.isVisible()));
        assertThat(sideways).as("a horizontal scroll bar").isFalse();
    }

    private static ListCell<?> cell(AppUnderTest app, String content) {
        Node list = app.node("#messages");
        return AppUnderTest.fx(() -> list.lookupAll(".message-cell").stream()
                .filter(n -> n instanceof ListCell<?> c && c.getItem() instanceof MessageItem item
                        && item.line().content().equals(content) && c.isVisible())
                .map(n -> (ListCell<?>) n).findFirst().orElse(null));
    }
}
