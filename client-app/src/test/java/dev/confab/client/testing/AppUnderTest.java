package dev.confab.client.testing;

import static org.awaitility.Awaitility.await;

import dev.confab.client.AppWindow;
import dev.confab.client.host.RoomHost;
import dev.confab.client.net.Backoff;
import dev.confab.client.net.ConnectionConfig;
import dev.confab.client.session.ChatLine;
import dev.confab.client.settings.AppPaths;
import dev.confab.client.settings.Settings;
import dev.confab.client.viewmodel.ChatViewModel;
import dev.confab.client.viewmodel.MessageItem;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * One running copy of the app, built exactly as {@code ConfabApp} builds it, with its own home directory, driven
 * through its real window by a TestFX robot.
 */
public final class AppUnderTest implements AutoCloseable {
    /** Short waits between reconnection attempts keep the tests quick; the logic is the same. */
    public static final ConnectionConfig FAST = new ConnectionConfig(
            new Backoff(Duration.ofMillis(100), Duration.ofMillis(500)), Duration.ofSeconds(2), Duration.ofSeconds(5));
    public static final Duration WAIT = Duration.ofSeconds(20);

    private final AppWindow window;
    private final FxRobot robot = new FxRobot();
    private final AtomicBoolean closed = new AtomicBoolean();

    private AppUnderTest(AppWindow window) {
        this.window = window;
    }

    /** Opens the app with its data under {@code home}; {@code presets} adjust its settings before it starts. */
    public static AppUnderTest open(Path home, RoomHost host, Consumer<Settings> presets) {
        return open(home, host, presets, 0);
    }

    /** Opens the app in the given column of the virtual screen (0 or 1), so two windows never overlap. */
    public static AppUnderTest open(Path home, RoomHost host, Consumer<Settings> presets, int column) {
        return open(home, host, presets, column, dev.confab.client.discovery.LanBrowser.none());
    }

    /** Opens the app looking for servers on the network with {@code lan}. */
    public static AppUnderTest open(Path home, RoomHost host, Consumer<Settings> presets, int column,
                                    dev.confab.client.discovery.LanBrowser lan) {
        return open(home, host, presets, column, lan, url -> { });
    }

    /** Opens the app with {@code browser} as its link opener (what the desktop's browser would be handed). */
    public static AppUnderTest open(Path home, RoomHost host, Consumer<Settings> presets, int column,
                                    dev.confab.client.discovery.LanBrowser lan, Consumer<String> browser) {
        AppPaths paths = AppPaths.under(home);
        presets.accept(Settings.load(paths.settingsFile()));
        AppWindow window = fx(() -> {
            AppWindow created = AppWindow.create(new Stage(), paths, host, Clock.systemDefaultZone(), FAST, browser,
                    lan);
            created.stage().setX(column * 1000.0);
            created.stage().setY(0);
            created.stage().setWidth(980);
            created.stage().setHeight(700);
            created.show(false);
            return created;
        });
        return new AppUnderTest(window);
    }

    public static <T> T fx(Callable<T> work) {
        try {
            return WaitForAsyncUtils.asyncFx(work).get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("FX work failed", e);
        }
    }

    public AppWindow window() {
        return window;
    }

    /**
     * A node of this window by CSS id. Waits for it: controls such as SplitPane create their children only when
     * their skin is made on the next pulse after the screen changed.
     */
    public <T extends Node> T node(String id) {
        await().atMost(WAIT).until(() -> fx(() -> window.stage().getScene().getRoot().lookup(id) != null));
        return robot.from(window.stage().getScene().getRoot()).lookup(id).query();
    }

    /** Every node of this window that matches a CSS query, as it is now. */
    public List<Node> all(String query) {
        return fx(() -> List.copyOf(robot.from(window.stage().getScene().getRoot()).lookup(query).queryAll()));
    }

    /** Joins the server on this machine's loopback at {@code port} from the start screen, and waits for the chat. */
    public AppUnderTest joinLoopback(int port) {
        typeInto("#address", "127.0.0.1:" + port).press(KeyCode.ENTER);
        awaitChat();
        return this;
    }

    /** Clicks a node of this window (by CSS id). */
    public AppUnderTest click(String id) {
        Node target = node(id);
        focusWindow();
        robot.clickOn(target);
        return this;
    }

    /** Replaces a text field's text the way a person would: select all, type. */
    public AppUnderTest typeInto(String id, String text) {
        TextInputControl field = node(id);
        focusWindow();
        robot.clickOn(field);
        fx(() -> {
            field.clear();
            return null;
        });
        robot.write(text);
        return this;
    }

    /** Headless glass has no window manager: a click does not move keyboard focus between windows, so do it here. */
    private void focusWindow() {
        fx(() -> {
            window.stage().toFront();
            window.stage().requestFocus();
            return null;
        });
        // And TestFX types into the window it last targeted (by a click), which may be another app's.
        robot.targetWindow(window.stage());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Types a key (pressed and released in turn) into this window. */
    public AppUnderTest press(KeyCode... keys) {
        robot.type(keys);
        return this;
    }

    /** Presses a shortcut: the modifiers held, the key typed, the modifiers let go. */
    public AppUnderTest chord(KeyCode key, KeyCode... modifiers) {
        focusWindow();
        robot.press(modifiers).type(key).release(modifiers);
        WaitForAsyncUtils.waitForFxEvents();
        return this;
    }

    /** The robot, for what the helpers here do not cover (a right click, a menu item). */
    public FxRobot robot() {
        focusWindow();
        return robot;
    }

    /** Types a message in the composer and sends it with Enter. */
    public AppUnderTest say(String text) {
        typeInto("#composer", text);
        robot.type(KeyCode.ENTER);
        return this;
    }

    /** Types lines joined with Shift+Enter (a new line), then sends with Enter. */
    public AppUnderTest sayLines(String... lines) {
        typeInto("#composer", lines[0]);
        for (int i = 1; i < lines.length; i++) {
            robot.press(KeyCode.SHIFT).type(KeyCode.ENTER).release(KeyCode.SHIFT);
            robot.write(lines[i]);
        }
        robot.type(KeyCode.ENTER);
        return this;
    }

    public ChatViewModel chat() {
        return fx(() -> window.model().chatProperty().get());
    }

    /** Waits until the chat shows and is connected; a failure says where the app was instead. */
    public void awaitChat() {
        await().atMost(WAIT).untilAsserted(() -> org.assertj.core.api.Assertions.assertThat(state())
                .isEqualTo("CHAT Connected"));
    }

    /** "CHAT Connected", or the start screen's page, busy text and error. */
    public String state() {
        return fx(() -> {
            var model = window.model();
            if (model.screenProperty().get() == dev.confab.client.viewmodel.AppViewModel.Screen.CHAT
                    && model.chatProperty().get() != null) {
                return "CHAT " + model.chatProperty().get().status().textProperty().get();
            }
            var start = model.start();
            return "START " + start.pageProperty().get() + " busy=" + start.busyTextProperty().get()
                    + " error=" + start.errorProperty().get();
        });
    }

    /** The lines of the room in view, as the message list shows them. */
    public List<ChatLine> lines() {
        return fx(() -> window.model().chatProperty().get().timelineProperty().get().items().stream()
                .map(MessageItem::line).toList());
    }

    public List<String> contents() {
        return lines().stream().map(ChatLine::content).toList();
    }

    public void awaitContents(List<String> expected) {
        await().atMost(WAIT).untilAsserted(() -> org.assertj.core.api.Assertions.assertThat(contents())
                .isEqualTo(expected));
    }

    /** True when a rendered message cell shows {@code text}. */
    public boolean showsText(String text) {
        return fx(() -> robot.from(window.stage().getScene().getRoot()).lookup(".message-text").queryAll().stream()
                .anyMatch(node -> node instanceof javafx.scene.text.Text t && t.getText().contains(text)));
    }

    public String text(String id) {
        Node node = node(id);
        return fx(() -> {
            return switch (node) {
                case javafx.scene.control.Labeled labeled -> labeled.getText();
                case TextInputControl input -> input.getText();
                default -> node.toString();
            };
        });
    }

    /** Closes the window and everything it runs; a second call does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            fx(() -> {
                window.close();
                return null;
            });
        }
    }
}
