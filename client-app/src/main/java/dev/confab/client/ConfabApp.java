package dev.confab.client;

import dev.confab.client.host.EmbeddedRoomHost;
import dev.confab.client.net.ConnectionConfig;
import dev.confab.client.settings.AppPaths;
import dev.confab.client.settings.Settings;
import dev.confab.client.ui.UiDispatcher;
import dev.confab.client.view.AppView;
import dev.confab.client.view.DesktopIntegration;
import dev.confab.client.view.SettingsDialog;
import dev.confab.client.view.Themes;
import dev.confab.client.viewmodel.AppViewModel;
import java.time.Clock;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JavaFX application: the one place that wires everything together. */
public final class ConfabApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(ConfabApp.class);

    private @Nullable ClientRuntime runtime;
    private @Nullable AppViewModel model;
    private @Nullable DesktopIntegration desktop;

    @Override
    public void start(Stage stage) {
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> LOG.error("Uncaught on {}", thread.getName(), e));
        AppPaths paths = AppPaths.forCurrentUser();
        Settings settings = Settings.load(paths.settingsFile());
        Themes.apply(settings.theme());
        Clock clock = Clock.systemDefaultZone();
        String osUser = System.getProperty("user.name", "");
        ClientRuntime created = ClientRuntime.create(paths, settings, EmbeddedRoomHost.create(),
                roomName(settings, osUser), clock, ConnectionConfig.defaults());
        runtime = created;
        desktop = DesktopIntegration.create(url -> getHostServices().showDocument(url));
        UiDispatcher fx = UiDispatcher.create(batch -> { });
        AppViewModel app = AppViewModel.create(created, desktop, settings, created.commands(), fx, clock, osUser);
        model = app;
        AppView view = new AppView(app, clock, () -> SettingsDialog.show(stage, settings));
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
        view.attach(stage, scene);
        stage.show();
        app.launch(getParameters().getRaw().contains("--host"));
    }

    @Override
    public void stop() {
        if (model != null) {
            model.shutdown();
        }
        if (runtime != null) {
            runtime.close();
        }
        if (desktop != null) {
            desktop.dispose();
        }
    }

    private static String roomName(Settings settings, String osUser) {
        String name = settings.displayName().orElse(osUser);
        return name.isBlank() ? "Confab" : name + "'s room";
    }
}
