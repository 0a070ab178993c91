package dev.confab.client;

import dev.confab.client.settings.AppPaths;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Chooses the app's log directory, which {@link AppLogConfigurator} writes into. Without it Logback would fall back
 * to its default, every library's debug output on the console, which for the WebSocket library includes the
 * sign-in token of every connect. Must run before the first logger is made.
 */
final class AppLogging {
    static final String DIRECTORY_PROPERTY = "confab.log.dir";

    private AppLogging() {
    }

    /**
     * Makes the log directory (owner-only: log lines name servers, rooms and people) and hands it to the
     * configuration.
     *
     * @return what went wrong making the directory, for the launcher to print (logging has not started yet); the
     *     app runs on without a log file then
     */
    static Optional<String> configure(AppPaths paths) {
        Path dir = logDirectory(paths);
        Optional<String> problem = Optional.empty();
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                if (!Files.isDirectory(dir)) {
                    Files.createDirectories(dir.getParent());
                    Files.createDirectory(dir,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                }
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } else {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            problem = Optional.of("cannot make the log directory " + dir + ": " + e);
        }
        System.setProperty(DIRECTORY_PROPERTY, dir.toString());
        return problem;
    }

    static Path logDirectory(AppPaths paths) {
        return paths.data().resolve("logs");
    }
}
