package dev.confab.client;

import dev.confab.client.view.Themes;
import javafx.application.Application;
import org.slf4j.LoggerFactory;

/**
 * Starts the desktop app. Not an {@code Application} itself, so it runs from a plain class path without the
 * JavaFX launcher's module checks. Options: {@code --host} starts hosting a room at once.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        StartupProbe.mark("main");
        for (String arg : args) {
            if ("--help".equals(arg) || "-h".equals(arg)) {
                System.out.println("Usage: confab [--host]");
                System.out.println("  --host   host a room on this computer right away");
                return;
            }
            if (!"--host".equals(arg)) {
                System.err.println("Unknown option " + arg + " (try --help)");
                System.exit(2);
            }
        }
        // Work that does not need the window, started before the toolkit so it overlaps the toolkit's own start.
        Themes.readSystemPreferenceAhead();
        Thread.ofPlatform().daemon().name("confab-logging-init").start(LoggerFactory::getILoggerFactory);
        Application.launch(ConfabApp.class, args);
    }

    /** One line for whoever started the app (a script or a benchmark); the app's only console output. */
    static void report(String line) {
        System.out.println(line);
    }
}
