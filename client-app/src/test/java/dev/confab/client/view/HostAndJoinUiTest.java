package dev.confab.client.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.client.host.EmbeddedRoomHost;
import dev.confab.client.host.RoomHost;
import dev.confab.client.testing.AppUnderTest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/** The real app, two copies, against the real embedded server, driven through their windows. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostAndJoinUiTest {
    private static final RoomHost LOOPBACK = EmbeddedRoomHost.create("127.0.0.1", b -> b);

    @TempDir
    Path dir;
    private AppUnderTest host;
    private AppUnderTest guest;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() {
        if (guest != null) {
            guest.close();
        }
        if (host != null) {
            host.close();
        }
    }

    private AppUnderTest startHosting(String name) {
        AppUnderTest app = AppUnderTest.open(dir.resolve(name), LOOPBACK, s -> {
            s.displayName(name);
            s.hostPort(0);
        });
        app.click("#host-button");
        app.awaitChat();
        return app;
    }

    private int hostPort(AppUnderTest app) {
        String address = AppUnderTest.fx(() -> app.chat().hostAddresses().getFirst());
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    @Test
    void hostARoomAndASecondClientJoinsAndTheyTalkBothWays() {
        host = startHosting("alice");
        assertThat(host.text("#room-title")).isEqualTo("# general");
        assertThat(host.text("#connection-status")).isEqualTo("Connected");
        int port = hostPort(host);

        guest = AppUnderTest.open(dir.resolve("bob"), LOOPBACK, s -> s.displayName("bob"), 1);
        guest.typeInto("#address", "127.0.0.1:" + port).press(KeyCode.ENTER);
        guest.awaitChat();

        host.say("hi bob, welcome");
        host.awaitContents(List.of("hi bob, welcome"));
        guest.awaitContents(List.of("hi bob, welcome"));
        guest.say("thanks alice!");
        host.awaitContents(List.of("hi bob, welcome", "thanks alice!"));
        await().atMost(AppUnderTest.WAIT).until(() -> host.showsText("thanks alice!"));
        assertThat(host.lines().get(1).author()).isEqualTo("bob");
        assertThat(host.lines().get(0).own()).isTrue();
        await().atMost(AppUnderTest.WAIT).until(() -> AppUnderTest.fx(() -> host.chat().members().size()) == 2);
    }

    @Test
    void historyIsThereAfterTheHostRestartsTheApp() {
        host = startHosting("alice");
        host.say("one");
        host.say("two");
        host.awaitContents(List.of("one", "two"));
        await().atMost(AppUnderTest.WAIT).until(() -> host.lines().stream().noneMatch(l -> l.pending()));
        host.close();

        host = AppUnderTest.open(dir.resolve("alice"), LOOPBACK, s -> { });
        host.awaitChat();
        host.awaitContents(List.of("one", "two"));
    }

    @Test
    void anUnreachableHostIsExplained() {
        guest = AppUnderTest.open(dir.resolve("bob"), LOOPBACK, s -> s.displayName("bob"));
        guest.typeInto("#address", "127.0.0.1:1").press(KeyCode.ENTER);
        await().atMost(AppUnderTest.WAIT).until(() -> guest.text("#start-error").equals(
                "No Confab server answered at 127.0.0.1:1 — is the host running, and on the same network?"));
    }
}
