package dev.confab.client;

import dev.confab.client.discovery.JmdnsLanBrowser;
import dev.confab.client.host.EmbeddedRoomHost;
import dev.confab.client.net.ConnectionConfig;
import dev.confab.client.settings.AppPaths;
import java.time.Clock;
import java.util.List;
import javafx.application.Application;
import javafx.stage.Stage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JavaFX application: opens the one window, wired by {@link AppWindow}. */
public final class ConfabApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(ConfabApp.class);

    private @Nullable AppWindow window;

    @Override
    public void start(Stage stage) {
        StartupProbe.mark("toolkit");
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> LOG.error("Uncaught on {}", thread.getName(), e));
        AppPaths paths = AppPaths.forCurrentUser();
        window = AppWindow.create(stage, paths, EmbeddedRoomHost.create(),
                Clock.systemDefaultZone(), ConnectionConfig.defaults(), url -> getHostServices().showDocument(url),
                JmdnsLanBrowser.create());
        StartupProbe.mark("built");
        StartupProbe.reportFirstFrameIfAsked(stage.getScene());
        window.takeLinksOn(Launcher.linkSocket(paths));
        showAsAsked(window, getParameters().getRaw());
        StartupProbe.mark("shown");
    }

    /**
     * Shows the window as the launch arguments ask: straight into the room of an invite link (the desktop passes
     * one when a {@code confab://} link is opened), hosting at once with {@code --host}, else where the last run
     * left off.
     */
    static void showAsAsked(AppWindow window, List<String> args) {
        var invite = args.stream().filter(Launcher::isInvite).findFirst();
        if (invite.isPresent()) {
            window.showInvite(invite.get());
        } else {
            window.show(args.contains("--host"));
        }
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
    }
}
