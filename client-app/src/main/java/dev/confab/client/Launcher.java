package dev.confab.client;

import dev.confab.client.view.Themes;
import dev.confab.client.settings.AppPaths;
import dev.confab.client.settings.Settings;
import java.nio.file.Path;
import javafx.application.Application;
import org.slf4j.LoggerFactory;

/**
 * Starts the desktop app. Not an {@code Application} itself, so it runs from a plain class path without the
 * JavaFX launcher's module checks. Options: {@code --host} starts hosting a room at once; an invite link
 * ({@code confab://host:port/room}, as the desktop passes it when one is opened) goes straight into that room.
 * When the app already runs, a launch with a link hands the link over to it and exits ({@link LinkHandoff}).
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        StartupProbe.mark("main");
        AppLogging.configure(AppPaths.forCurrentUser()).ifPresent(problem -> System.err.println("Confab: " + problem));
        for (String arg : args) {
            if ("--help".equals(arg) || "-h".equals(arg)) {
                System.out.println("Usage: confab [--host | confab://HOST:PORT/ROOM]");
                System.out.println("  --host                   host a room on this computer right away");
                System.out.println("  confab://HOST:PORT/ROOM  join that room (an invite link)");
                return;
            }
        }
        var unknown = unknownOption(java.util.List.of(args));
        if (unknown.isPresent()) {
            System.err.println("Unknown option " + unknown.get() + " (try --help)");
            System.exit(2);
        }
        for (String arg : args) {
            if (isInvite(arg) && LinkHandoff.handOver(linkSocket(AppPaths.forCurrentUser()), arg)) {
                return; // the running app opens it
            }
        }
        // Work that does not need the window, started before the toolkit so it overlaps the toolkit's own start.
        Themes.loadAhead(() -> Settings.load(AppPaths.forCurrentUser().settingsFile()).theme());
        Thread.ofPlatform().daemon().name("confab-logging-init").start(LoggerFactory::getILoggerFactory);
        Application.launch(ConfabApp.class, args);
    }

    /** Where the running app takes the links of later launches. */
    static Path linkSocket(AppPaths paths) {
        return paths.data().resolve("app.sock");
    }

    /** The first argument that is neither {@code --host} nor an invite link, if any. */
    static java.util.Optional<String> unknownOption(java.util.List<String> args) {
        return args.stream().filter(arg -> !"--host".equals(arg) && !isInvite(arg)).findFirst();
    }

    /** True for an argument that is an invite link (checked properly when the app opens it). */
    static boolean isInvite(String arg) {
        return arg.regionMatches(true, 0, "confab:", 0, "confab:".length());
    }

    /** One line for whoever started the app (a script or a benchmark); the app's only console output. */
    static void report(String line) {
        System.out.println(line);
    }
}
