package dev.confab.server;

import java.nio.file.Path;

/** Where a server keeps its data when none is configured. */
final class DefaultDataDir {
    private DefaultDataDir() {
    }

    static Path path() {
        // Replaced by the store's DataDirectory resolution once it lands.
        return Path.of(System.getProperty("user.home"), ".local", "share", "confab", "server");
    }
}
