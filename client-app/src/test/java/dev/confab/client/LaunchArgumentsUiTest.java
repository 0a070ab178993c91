package dev.confab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.client.discovery.LanBrowser;
import dev.confab.client.host.EmbeddedRoomHost;
import dev.confab.client.host.RoomHost;
import dev.confab.client.settings.AppPaths;
import dev.confab.client.settings.Settings;
import dev.confab.client.testing.AppUnderTest;
import dev.confab.client.viewmodel.AppViewModel;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * The launch arguments the desktop passes when a {@code confab://} link is opened (the {@code .desktop} entry's
 * {@code %u}, the Windows {@code "%1"}), taken as the app takes them: {@link Launcher}'s check, then
 * {@link ConfabApp#showAsAsked}, against a real window and a real server on loopback.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LaunchArgumentsUiTest {
    private static final RoomHost LOOPBACK = EmbeddedRoomHost.create("127.0.0.1", b -> b);

    @TempDir
    Path dir;
    private RoomHost.@Nullable Hosted server;
    private @Nullable AppWindow window;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() {
        if (window != null) {
            AppWindow opened = window;
            AppUnderTest.fx(() -> {
                opened.close();
                return null;
            });
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anInviteLinkArgumentOpensStraightIntoItsRoom() {
        server = LOOPBACK.start("Acme", dir.resolve("host"), 0);
        List<String> args = List.of("confab://127.0.0.1:" + server.port() + "/builds");
        assertThat(Launcher.unknownOption(args)).isEmpty();

        launch(args);
        await().atMost(AppUnderTest.WAIT).until(() -> state().equals("CHAT Connected"));
        await().atMost(AppUnderTest.WAIT).until(() -> AppUnderTest.fx(() ->
                String.valueOf(window.model().chatProperty().get().selectedRoomProperty().get())).equals("builds"));
    }

    @Test
    void anInviteToAHostThatIsNotThereShowsWhyInTheWindow() throws Exception {
        int nobody;
        try (ServerSocket probe = new ServerSocket(0)) {
            nobody = probe.getLocalPort(); // closed again below: nothing listens there
        }
        launch(List.of("confab://127.0.0.1:" + nobody + "/builds"));
        await().atMost(AppUnderTest.WAIT).until(() -> AppUnderTest.fx(() -> {
            AppViewModel model = window.model();
            return model.screenProperty().get() == AppViewModel.Screen.START
                    && !model.start().errorProperty().get().isBlank();
        }));
        assertThat(AppUnderTest.fx(() -> window.stage().isShowing())).as("the window stays open").isTrue();
    }

    @Test
    void otherArgumentsAreRefusedAndHostIsKnown() {
        assertThat(Launcher.unknownOption(List.of("--host"))).isEmpty();
        assertThat(Launcher.unknownOption(List.of("CONFAB://10.0.0.5/builds"))).isEmpty();
        assertThat(Launcher.unknownOption(List.of("--host", "--join", "x"))).contains("--join");
        assertThat(Launcher.isInvite("https://example.com")).isFalse();
    }

    private void launch(List<String> args) {
        AppPaths paths = AppPaths.under(dir.resolve("carol"));
        Settings.load(paths.settingsFile()).displayName("carol");
        window = AppUnderTest.fx(() -> {
            AppWindow created = AppWindow.create(new Stage(), paths, LOOPBACK, Clock.systemDefaultZone(),
                    AppUnderTest.FAST, url -> { }, LanBrowser.none());
            ConfabApp.showAsAsked(created, args);
            return created;
        });
    }

    private String state() {
        return AppUnderTest.fx(() -> {
            AppViewModel model = window.model();
            return model.screenProperty().get() == AppViewModel.Screen.CHAT && model.chatProperty().get() != null
                    ? "CHAT " + model.chatProperty().get().status().textProperty().get()
                    : "START error=" + model.start().errorProperty().get();
        });
    }
}
