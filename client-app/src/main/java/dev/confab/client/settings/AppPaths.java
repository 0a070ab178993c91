package dev.confab.client.settings;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The app's directories, by the platform's conventions: {@code $XDG_CONFIG_HOME/confab} and
 * {@code $XDG_DATA_HOME/confab} on Linux, {@code %APPDATA%\Confab} and {@code %LOCALAPPDATA%\Confab} on Windows,
 * {@code ~/Library/Application Support/Confab} on macOS. The system property {@code confab.home} puts both under
 * one directory (tests, portable installs).
 */
public record AppPaths(Path config, Path data) {

    /** The paths for this user on this machine. */
    public static AppPaths forCurrentUser() {
        String home = System.getProperty("confab.home", "");
        if (!home.isBlank()) {
            return under(Path.of(home));
        }
        return of(System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")), System.getenv());
    }

    /** Both directories under one root. */
    public static AppPaths under(Path root) {
        return new AppPaths(root.resolve("config"), root.resolve("data"));
    }

    static AppPaths of(String osName, Path userHome, Map<String, String> env) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            Path roaming = Path.of(env.getOrDefault("APPDATA", userHome.resolve("AppData/Roaming").toString()));
            Path local = Path.of(env.getOrDefault("LOCALAPPDATA", userHome.resolve("AppData/Local").toString()));
            return new AppPaths(roaming.resolve("Confab"), local.resolve("Confab"));
        }
        if (os.contains("mac")) {
            Path support = userHome.resolve("Library/Application Support/Confab");
            return new AppPaths(support, support);
        }
        Path config = xdg(env, "XDG_CONFIG_HOME", userHome.resolve(".config"));
        Path data = xdg(env, "XDG_DATA_HOME", userHome.resolve(".local/share"));
        return new AppPaths(config.resolve("confab"), data.resolve("confab"));
    }

    private static Path xdg(Map<String, String> env, String name, Path fallback) {
        String value = env.get(name);
        // The XDG spec says a relative path is invalid and must be ignored.
        return value == null || value.isBlank() || !Path.of(value).isAbsolute() ? fallback : Path.of(value);
    }

    /** The hosted room's server data (database, signing key, backups). */
    public Path hostData() {
        return data.resolve("host");
    }

    /** The outbox of one server. */
    public Path outbox(String serverKey) {
        return data.resolve("outbox").resolve(serverKey + ".properties");
    }

    /** How far the user has read in each room (owner-only). */
    public Path readPositionsFile() {
        return data.resolve("read-positions.properties");
    }

    public Path settingsFile() {
        return config.resolve("settings.properties");
    }

    /** Certificates trusted on first use. */
    public Path pinsFile() {
        return config.resolve("known-servers.properties");
    }

    public Path tokensFile() {
        return config.resolve("tokens.properties");
    }
}
