package dev.confab.client.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.client.discovery.JmdnsLanBrowser;
import dev.confab.client.host.EmbeddedRoomHost;
import dev.confab.client.host.RoomHost;
import dev.confab.client.testing.AppUnderTest;
import dev.confab.client.testing.ClosedAfterEach;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app finds a room announced on the network (a real server announcing, a real JmDNS browser, both on
 * loopback) and joins it with one click; an invite link opens straight into its room.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LanDiscoveryUiTest {
    private static final RoomHost ANNOUNCED = EmbeddedRoomHost.create("127.0.0.1",
            b -> b.announce(true).announceInterfaces(List.of("lo")));
    private static final RoomHost LOOPBACK = EmbeddedRoomHost.create("127.0.0.1", b -> b);

    @RegisterExtension
    final ClosedAfterEach closing = new ClosedAfterEach();
    @TempDir
    Path dir;
    private RoomHost.Hosted server;
    private AppUnderTest app;

    @Test
    void joinsARoomFoundOnTheNetworkWithOneClick() {
        String name = "Dana's room " + ProcessHandle.current().pid();
        server = closing.add(ANNOUNCED.start(name, dir.resolve("host"), 0));
        app = closing.add(AppUnderTest.open(dir.resolve("bob"), LOOPBACK, s -> s.displayName("bob"), 0,
                JmdnsLanBrowser.create(() -> List.of(InetAddress.getLoopbackAddress()), Duration.ofSeconds(30))));
        // Both responders first claim their names (about five seconds each), then the room shows up.
        await().atMost(Duration.ofSeconds(40)).until(() -> AppUnderTest.fx(() -> app.window().model().start()
                .found().stream().anyMatch(f -> f.name().equals(name))));
        app.click("#found-servers .button");
        app.awaitChat();
        assertThat(app.window().settings().lastServer()).contains("127.0.0.1:" + server.port());
    }

    @Test
    void anInviteLinkOpensStraightIntoItsRoom() {
        server = closing.add(LOOPBACK.start("Acme", dir.resolve("host"), 0));
        app = closing.add(AppUnderTest.open(dir.resolve("carol"), LOOPBACK, s -> s.displayName("carol")));
        AppUnderTest.fx(() -> {
            app.window().model().openInvite("confab://127.0.0.1:" + server.port() + "/builds");
            return null;
        });
        app.awaitChat();
        await().atMost(AppUnderTest.WAIT).until(() -> AppUnderTest.fx(
                () -> String.valueOf(app.chat().selectedRoomProperty().get())).equals("builds"));
    }
}
