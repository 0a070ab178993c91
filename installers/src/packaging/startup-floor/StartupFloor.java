import com.sun.javafx.css.StyleManager;
import com.sun.javafx.perf.PerformanceTracker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The floor under the desktop app's startup: the least a JavaFX window costs (one label in a window of the app's
 * size, JavaFX's default theme), measured exactly as the app's StartupProbe measures it — process start to the
 * first frame the renderer has drawn and presented. With the argument {@code themed}, the same window in the app's
 * theme (AtlantaFX Primer Light, which docs/UX.md asks for), its stylesheet loaded ahead on another thread while
 * the toolkit starts, as the app loads it: the least a window in that theme costs. Built and run by
 * measure-startup.sh --floor; not shipped.
 */
public final class StartupFloor {
    private static final long PROCESS_START_MS = processStartMillis();
    private static final String PRIMER_LIGHT = "/atlantafx/base/theme/primer-light.bss";

    public static void main(String[] args) {
        long main = System.currentTimeMillis();
        System.setProperty("startup.floor.main", Long.toString(main - PROCESS_START_MS));
        if (List.of(args).contains("themed")) {
            String stylesheet = Objects.requireNonNull(StartupFloor.class.getResource(PRIMER_LIGHT),
                    "AtlantaFX is not on the class path").toExternalForm();
            System.setProperty("startup.floor.stylesheet", stylesheet);
            Thread.ofPlatform().daemon().start(
                    () -> StyleManager.getInstance().setUserAgentStylesheets(List.of(stylesheet)));
        }
        // Not an Application itself, as the app's Launcher: so it runs from the class path.
        Application.launch(Window.class, args);
    }

    /** The window. */
    public static final class Window extends Application {
        @Override
        public void start(Stage stage) {
            show(stage);
        }
    }

    static void show(Stage stage) {
        long toolkit = System.currentTimeMillis() - PROCESS_START_MS;
        String stylesheet = System.getProperty("startup.floor.stylesheet");
        if (stylesheet != null) {
            Application.setUserAgentStylesheet(stylesheet);
        }
        Scene scene = new Scene(new StackPane(new Label("Hello")), 1100, 720);
        stage.setScene(scene);
        stage.setTitle("Confab floor");
        AtomicBoolean reported = new AtomicBoolean();
        PerformanceTracker.getSceneTracker(scene).setOnRenderedFrameTask(() -> {
            if (reported.compareAndSet(false, true)) {
                long frame = System.currentTimeMillis();
                long cpu = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis)
                        .orElse(-1L);
                Platform.runLater(() -> {
                    System.out.println("confab-startup first-frame-ms=" + (frame - PROCESS_START_MS)
                            + " main-ms=" + System.getProperty("startup.floor.main") + " toolkit-ms=" + toolkit
                            + " cpu-ms=" + cpu + " epoch-ms=" + frame);
                    Platform.exit();
                });
            }
        });
        stage.show();
    }

    /** As the app's StartupProbe: the kernel's start time in ticks since boot against the time since boot now. */
    private static long processStartMillis() {
        long now = System.currentTimeMillis();
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long startTicks = Long.parseLong(fields[19]);
            String uptime = Files.readString(Path.of("/proc/uptime"));
            double secondsSinceBoot = Double.parseDouble(uptime.substring(0, uptime.indexOf(' ')));
            return now - Math.round(secondsSinceBoot * 1000) + startTicks * 10;
        } catch (IOException | NumberFormatException | IndexOutOfBoundsException notLinux) {
            return ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(now);
        }
    }
}
