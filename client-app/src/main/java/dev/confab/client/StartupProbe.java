package dev.confab.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * Measures launch to first frame, for the installers' class-data sharing training run and the startup benchmark.
 * Active only when the environment variable {@value #VARIABLE} is set: then the app prints one line
 * {@code confab-startup first-frame-ms=N} (from the start of the process to the first frame drawn after the
 * window is shown) and exits.
 */
final class StartupProbe {
    static final String VARIABLE = "CONFAB_STARTUP_PROBE";

    private StartupProbe() {
    }

    /** Call right after the window is shown, on the FX thread. */
    static void reportFirstFrameIfAsked() {
        if (System.getenv(VARIABLE) == null) {
            return;
        }
        Optional<Instant> processStart = ProcessHandle.current().info().startInstant();
        new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                // The first pulse lays out and draws the shown scene; its end is the first frame on screen.
                if (++frames < 2) {
                    return;
                }
                stop();
                long millis = processStart.map(start -> Duration.between(start, Instant.now()).toMillis()).orElse(-1L);
                Launcher.report("confab-startup first-frame-ms=" + millis);
                Platform.exit();
            }
        }.start();
    }
}
