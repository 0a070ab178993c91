package dev.confab.client;

import javafx.application.Application;

/**
 * Starts the desktop app. Not an {@code Application} itself, so it runs from a plain class path without the
 * JavaFX launcher's module checks. Options: {@code --host} starts hosting a room at once; an invite link
 * ({@code confab://host:port/room}, as the desktop passes it when one is opened) goes straight into that room.
 * A second launch starts a second window; it does not hand the link to a running app.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        for (String arg : args) {
            if ("--help".equals(arg) || "-h".equals(arg)) {
                System.out.println("Usage: confab [--host | confab://HOST:PORT/ROOM]");
                System.out.println("  --host                   host a room on this computer right away");
                System.out.println("  confab://HOST:PORT/ROOM  join that room (an invite link)");
                return;
            }
            if (!"--host".equals(arg) && !isInvite(arg)) {
                System.err.println("Unknown option " + arg + " (try --help)");
                System.exit(2);
            }
        }
        Application.launch(ConfabApp.class, args);
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
