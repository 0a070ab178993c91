package dev.confab.client.view;

import static org.awaitility.Awaitility.await;

import dev.confab.client.discovery.FoundServer;
import dev.confab.client.discovery.LanBrowser;
import dev.confab.client.host.EmbeddedRoomHost;
import dev.confab.client.net.ServerAddress;
import dev.confab.client.host.RoomHost;
import dev.confab.client.settings.Theme;
import dev.confab.client.testing.AppUnderTest;
import dev.confab.client.viewmodel.MessageItem;
import dev.confab.protocol.lan.LanAnnouncement;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * Renders the main screens to PNG with a JavaFX snapshot, from the real app against a real embedded server.
 * Writes to {@code target/screenshots}; {@code -Dconfab.screenshots=../docs/screenshots} refreshes the docs.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ScreenshotsTest {
    private static final RoomHost LOOPBACK = EmbeddedRoomHost.create("127.0.0.1", b -> b);

    @TempDir
    Path dir;
    private AppUnderTest alice;
    private AppUnderTest bob;
    private RoomHost.Hosted accountsServer;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() {
        if (bob != null) {
            bob.close();
        }
        if (alice != null) {
            alice.close();
        }
        if (accountsServer != null) {
            accountsServer.close();
        }
        AppUnderTest.fx(() -> {
            Themes.apply(Theme.LIGHT);
            return null;
        });
    }

    @Test
    void rendersTheMainScreens() {
        Path out = Path.of(System.getProperty("confab.screenshots", "target/screenshots"));
        alice = AppUnderTest.open(dir.resolve("alice"), LOOPBACK, s -> {
            s.displayName("alice");
            s.hostPort(0);
            s.lastServer("chat.acme.io:7480");
        });
        snapshot(alice, out.resolve("start.png"));

        alice.click("#host-button");
        alice.awaitChat();
        String address = AppUnderTest.fx(() -> alice.chat().hostAddresses().getFirst());
        bob = AppUnderTest.open(dir.resolve("bob"), LOOPBACK, s -> s.displayName("bob"), 1);
        bob.typeInto("#address", "127.0.0.1" + address.substring(address.lastIndexOf(':'))).press(KeyCode.ENTER);
        bob.awaitChat();

        bob.say("anyone up for lunch?");
        alice.awaitContents(List.of("anyone up for lunch?"));
        MessageItem lunch = AppUnderTest.fx(() -> alice.chat().timelineProperty().get().items().getFirst());
        AppUnderTest.fx(() -> {
            alice.chat().replyTo(lunch);
            return null;
        });
        alice.say("sure, 12:30? The menu is at https://example.com/menu");
        bob.say("great, see you there");
        bob.sayLines("I'll book a table for four.", "Carol said she might join too.");
        alice.say("thanks!");
        alice.awaitContents(List.of("anyone up for lunch?", "sure, 12:30? The menu is at https://example.com/menu",
                "great, see you there", "I'll book a table for four.\nCarol said she might join too.", "thanks!"));
        alice.press(KeyCode.UP);
        alice.typeInto("#composer", "thanks, bob!").press(KeyCode.ENTER);
        await().atMost(AppUnderTest.WAIT).until(() -> alice.contents().getLast().equals("thanks, bob!"));
        bob.typeInto("#composer", "also…");
        AppUnderTest.fx(() -> alice.chat().joinRoom("builds"));
        bob.typeInto("#room-field", "builds").press(KeyCode.ENTER);
        await().atMost(AppUnderTest.WAIT).until(() -> AppUnderTest.fx(() -> bob.chat().rooms().size()) == 2);
        AppUnderTest.fx(() -> {
            alice.chat().selectedRoomProperty().set(alice.chat().rooms().getFirst().room());
            return null;
        });
        bob.say("build 142 is green");
        await().atMost(AppUnderTest.WAIT).until(() -> AppUnderTest.fx(() -> alice.chat().rooms().stream()
                .anyMatch(r -> r.unread() > 0)));
        AppUnderTest.fx(() -> {
            bob.chat().selectedRoomProperty().set(bob.chat().rooms().getFirst().room());
            return null;
        });
        bob.typeInto("#composer", "shipping it");
        await().atMost(AppUnderTest.WAIT).until(() -> !alice.text("#typing").isEmpty());
        snapshot(alice, out.resolve("chat-light.png"));

        AppUnderTest.fx(() -> {
            Themes.apply(Theme.DARK);
            return null;
        });
        snapshot(alice, out.resolve("chat-dark.png"));
        AppUnderTest.fx(() -> {
            Themes.apply(Theme.LIGHT);
            return null;
        });

        RoomHost accountsOnly = EmbeddedRoomHost.create("127.0.0.1", b -> b.guests(false));
        accountsServer = accountsOnly.start("Acme LAN", dir.resolve("accounts"), 0);
        bob.close();
        bob = AppUnderTest.open(dir.resolve("dave"), LOOPBACK, s -> s.displayName("dave"), 1);
        bob.typeInto("#address", "127.0.0.1:" + accountsServer.port()).press(KeyCode.ENTER);
        await().atMost(AppUnderTest.WAIT).until(() -> bob.state().startsWith("START SIGN_IN"));
        bob.typeInto("#signin-password", "wrong password").press(KeyCode.ENTER);
        await().atMost(AppUnderTest.WAIT).until(() -> bob.text("#signin-error").equals("Wrong password"));
        snapshot(bob, out.resolve("sign-in.png"));
    }

    @Test
    void rendersTheJoinCardWithRoomsFoundOnTheNetworkAndTheNetworkCheck() {
        Path out = Path.of(System.getProperty("confab.screenshots", "target/screenshots"));
        LanBrowser found = fixed(new LanBrowser.Snapshot(List.of(
                found("Dana's room", "192.168.1.20:7480", 3, true),
                found("build-server", "192.168.1.7:7480", 12, false)), true, ""));
        alice = AppUnderTest.open(dir.resolve("alice"), LOOPBACK, s -> {
            s.displayName("alice");
            s.lastServer("chat.acme.io:7480");
        }, 0, found);
        await().atMost(AppUnderTest.WAIT).until(() -> alice.node("#found-servers").isVisible()
                && AppUnderTest.fx(() -> alice.window().model().start().found().size()) == 2);
        snapshot(alice, out.resolve("start-found.png"));

        // Nothing on the network: the check runs over this machine's real interfaces.
        bob = AppUnderTest.open(dir.resolve("bob"), LOOPBACK, s -> s.displayName("bob"), 1,
                fixed(new LanBrowser.Snapshot(List.of(), true, "")));
        await().atMost(AppUnderTest.WAIT).until(() -> !AppUnderTest.fx(
                () -> bob.window().model().start().networkCheck().isEmpty()));
        snapshot(bob, out.resolve("start-nothing-found.png"));
    }

    private static FoundServer found(String name, String address, int online, boolean guests) {
        return new FoundServer(ServerAddress.parse(address).orElseThrow(),
                new LanAnnouncement(name, "0.1.0", false, guests, online, "/ws"));
    }

    private static LanBrowser fixed(LanBrowser.Snapshot snapshot) {
        return new LanBrowser() {
            @Override
            public void start(java.util.function.Consumer<Snapshot> listener) {
                listener.accept(snapshot);
            }

            @Override
            public void close() {
                // Nothing held.
            }
        };
    }

    private static void snapshot(AppUnderTest app, Path file) {
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = AppUnderTest.fx(() -> app.window().stage().getScene().snapshot(null));
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage buffered = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                buffered.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(buffered, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
