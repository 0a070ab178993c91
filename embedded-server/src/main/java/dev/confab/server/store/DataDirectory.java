package dev.confab.server.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where a server keeps its state: {@code confab.db} (with its WAL files), {@code token.key} and {@code backups/}.
 * The directory is private to the user ({@code rwx------} where the file system has POSIX permissions).
 */
public final class DataDirectory {
    private static final String APP = "confab";

    private final Path root;

    private DataDirectory(Path root) {
        this.root = root;
    }

    /** Uses (and creates, owner-only) the given directory. */
    public static DataDirectory create(Path root) {
        return new DataDirectory(OwnerOnlyFiles.directory(root.toAbsolutePath().normalize()));
    }

    /** Uses (and creates, owner-only) the default directory of this user on this operating system. */
    public static DataDirectory createDefault() {
        return create(defaultLocation(System.getProperty("os.name", ""), System.getenv(),
                Path.of(System.getProperty("user.home"))));
    }

    /**
     * The default directory for an operating system: Linux and other Unix {@code $XDG_DATA_HOME/confab}, else
     * {@code ~/.local/share/confab}; macOS {@code ~/Library/Application Support/Confab}; Windows
     * {@code %APPDATA%\Confab}. Takes its inputs as arguments so that every branch can be tested on one machine.
     */
    public static Path defaultLocation(String osName, Map<String, String> environment, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = environment.get("APPDATA");
            Path base = appData == null || appData.isBlank() ? home.resolve("AppData").resolve("Roaming")
                    : Path.of(appData);
            return base.resolve("Confab");
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return home.resolve("Library").resolve("Application Support").resolve("Confab");
        }
        String xdg = environment.get("XDG_DATA_HOME");
        // The XDG spec says a relative value is invalid and must be ignored.
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg).resolve(APP);
        }
        return home.resolve(".local").resolve("share").resolve(APP);
    }

    /** The directory itself. */
    public Path root() {
        return root;
    }

    /** The SQLite database file. */
    public Path database() {
        return root.resolve("confab.db");
    }

    /** The token signing key. */
    public Path signingKey() {
        return root.resolve("token.key");
    }

    /** The directory for backups, created owner-only on first use. */
    public Path backups() {
        return OwnerOnlyFiles.directory(root.resolve("backups"));
    }

    @Override
    public String toString() {
        return "DataDirectory[" + root + "]";
    }
}
