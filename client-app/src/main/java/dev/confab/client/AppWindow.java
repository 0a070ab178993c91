package dev.confab.client;

import dev.confab.client.discovery.LanBrowser;
import dev.confab.client.host.RoomHost;
import dev.confab.client.net.ConnectionConfig;
import dev.confab.client.settings.AppPaths;
import dev.confab.client.settings.Settings;
import dev.confab.client.ui.UiDispatcher;
import dev.confab.client.view.AppView;
import dev.confab.client.view.CertificateTrustDialog;
import dev.confab.client.view.DesktopIntegration;
import dev.confab.client.view.SettingsDialog;
import dev.confab.client.view.Themes;
import dev.confab.client.viewmodel.AppViewModel;
import dev.confab.client.viewmodel.HostedRoom;
import dev.confab.client.viewmodel.TrustQuestion;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.jspecify.annotations.Nullable;

/**
 * One app window with everything behind it: runtime, view model, view. The app and the UI tests build it the same
 * way, so the tests drive exactly what people run.
 */
public final class AppWindow implements AutoCloseable {
    private final Stage stage;
    private final Settings settings;
    private final ClientRuntime runtime;
    private final AppViewModel model;
    private final DesktopIntegration desktop;
    private final AppView view;
    private Consumer<String> openLink = link -> { };
    private @Nullable LinkHandoff handoff;

    private AppWindow(Stage stage, Settings settings, ClientRuntime runtime, AppViewModel model,
                      DesktopIntegration desktop, AppView view) {
        this.stage = stage;
        this.settings = settings;
        this.runtime = runtime;
        this.model = model;
        this.desktop = desktop;
        this.view = view;
    }

    /** Builds the window on {@code stage} (FX thread), not looking for servers on the network. */
    public static AppWindow create(Stage stage, AppPaths paths, RoomHost roomHost, Clock clock,
                                   ConnectionConfig connectionConfig, Consumer<String> browser) {
        return create(stage, paths, roomHost, clock, connectionConfig, browser, LanBrowser.none());
    }

    /** Builds the window on {@code stage} (FX thread); call {@link #show(boolean)} next. */
    public static AppWindow create(Stage stage, AppPaths paths, RoomHost roomHost, Clock clock,
                                   ConnectionConfig connectionConfig, Consumer<String> browser,
                                   LanBrowser lanBrowser) {
        Settings settings = Settings.load(paths.settingsFile());
        Themes.apply(settings.theme());
        String osUser = System.getProperty("user.name", "");
        String owner = settings.displayName().orElse(osUser);
        ClientRuntime runtime = ClientRuntime.create(paths, settings, roomHost,
                HostedRoom.serverName(owner), clock, connectionConfig, lanBrowser);
        DesktopIntegration desktop = DesktopIntegration.create(browser);
        UiDispatcher fx = UiDispatcher.create(batch -> { });
        runtime.trustPrompter(prompt -> {
            // Asked from a connection's thread; the dialog is modal on the FX thread until the user decides.
            CompletableFuture<Boolean> answer = new CompletableFuture<>();
            fx.execute(() -> {
                try {
                    answer.complete(CertificateTrustDialog.show(stage, TrustQuestion.of(prompt)));
                } catch (RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            });
            return answer;
        });
        AppViewModel model = AppViewModel.create(runtime, desktop, settings, runtime.commands(), fx, clock, osUser);
        Consumer<String> openLink = link -> fx.execute(() -> {
            stage.show();
            stage.toFront();
            model.openInvite(link);
        });
        OpenedLinks.listen(openLink);
        AppView view = new AppView(model, clock, () -> SettingsDialog.show(stage, settings));
        Scene scene = new Scene(view, 1100, 720);
        stage.setScene(scene);
        stage.setMinWidth(720);
        stage.setMinHeight(480);
        settings.windowBounds().ifPresent(b -> {
            stage.setX(b[0]);
            stage.setY(b[1]);
            stage.setWidth(b[2]);
            stage.setHeight(b[3]);
        });
        stage.setOnCloseRequest(e -> settings.windowBounds(stage.getX(), stage.getY(), stage.getWidth(),
                stage.getHeight()));
        stage.getIcons().add(new Image(AppWindow.class.getResource("confab.png").toExternalForm()));
        view.attach(stage, scene);
        AppWindow window = new AppWindow(stage, settings, runtime, model, desktop, view);
        window.openLink = openLink;
        return window;
    }

    /** Shows the window and picks up where the last run left off (or hosts at once). */
    public void show(boolean hostRequested) {
        stage.show();
        model.launch(hostRequested);
        afterFirstFrame(runtime::warmUp);
    }

    /** Runs {@code task} once the window's first frame is drawn: work that would otherwise delay that frame. */
    private static void afterFirstFrame(Runnable task) {
        new AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                // The first pulse lays out and draws the window; the second comes after that frame was handed over.
                if (++pulses == 2) {
                    stop();
                    task.run();
                }
            }
        }.start();
    }

    /** Shows the window and goes straight into the room of an invite link ({@code confab://host:port/room}). */
    public void showInvite(String link) {
        stage.show();
        model.openInvite(link);
    }

    /** Takes the invite links of later launches (see {@link LinkHandoff}) on this socket. */
    public void takeLinksOn(Path socket) {
        handoff = LinkHandoff.listen(socket, openLink).orElse(null);
    }

    public Stage stage() {
        return stage;
    }

    public AppViewModel model() {
        return model;
    }

    public AppView view() {
        return view;
    }

    public Settings settings() {
        return settings;
    }

    /** Ends the session, stops hosting, releases threads; the window closes too. */
    @Override
    public void close() {
        if (handoff != null) {
            handoff.close();
        }
        model.shutdown();
        runtime.close();
        desktop.dispose();
        stage.hide();
    }
}
