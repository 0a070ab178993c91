package dev.confab.client.settings;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's settings, in {@code settings.properties} in the config directory. Used from the UI thread; every
 * change is written at once (atomically), so a crash loses nothing the user chose.
 */
public final class Settings {
    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);
    private static final int MAX_RECENT = 6;

    private final Path file;
    private final Properties props;
    private Consumer<UncheckedIOException> writeFailed = e -> { };

    private Settings(Path file, Properties props) {
        this.file = file;
        this.props = props;
    }

    /** Loads the settings; an unreadable file gives the defaults rather than no app. */
    public static Settings load(Path file) {
        Properties props;
        try {
            props = PropertiesFile.load(file);
        } catch (IllegalStateException e) {
            LOG.warn("Settings unreadable, using defaults", e);
            props = new Properties();
        }
        return new Settings(file, props);
    }

    public Optional<String> displayName() {
        return text("displayName");
    }

    public void displayName(String name) {
        put("displayName", name);
    }

    public Theme theme() {
        return enumValue("theme", Theme.class, Theme.SYSTEM);
    }

    public void theme(Theme theme) {
        put("theme", theme.name());
    }

    public StartMode startMode() {
        return enumValue("startMode", StartMode.class, StartMode.NONE);
    }

    public void startMode(StartMode mode) {
        put("startMode", mode.name());
    }

    /** The server last joined (its display address). */
    public Optional<String> lastServer() {
        return text("lastServer");
    }

    public void lastServer(String server) {
        put("lastServer", server);
        Set<String> recent = new LinkedHashSet<>();
        recent.add(server);
        recent.addAll(recentServers());
        put("recentServers", String.join(" ", recent.stream().limit(MAX_RECENT).toList()));
    }

    public List<String> recentServers() {
        return words("recentServers");
    }

    public int hostPort() {
        return Integer.parseInt(props.getProperty("hostPort", "7480"));
    }

    public void hostPort(int port) {
        put("hostPort", Integer.toString(port));
    }

    /** Whether a hosted room speaks {@code wss://} (a self-signed certificate that joiners pin on first use). */
    public boolean hostTls() {
        return Boolean.parseBoolean(props.getProperty("hostTls", "false"));
    }

    public void hostTls(boolean enabled) {
        put("hostTls", Boolean.toString(enabled));
    }

    public List<String> rooms(String server) {
        return words("rooms." + server);
    }

    public void rooms(String server, List<String> rooms) {
        put("rooms." + server, String.join(" ", rooms));
    }

    public Optional<String> lastRoom(String server) {
        return text("lastRoom." + server);
    }

    public void lastRoom(String server, String room) {
        put("lastRoom." + server, room);
    }

    public Set<String> muted(String server) {
        return new LinkedHashSet<>(words("muted." + server));
    }

    public void muted(String server, Set<String> rooms) {
        put("muted." + server, String.join(" ", rooms));
    }

    /** Window bounds x, y, width, height, when remembered. */
    public Optional<double[]> windowBounds() {
        return text("window").map(v -> Arrays.stream(v.split(" ")).mapToDouble(Double::parseDouble).toArray())
                .filter(a -> a.length == 4);
    }

    public void windowBounds(double x, double y, double width, double height) {
        put("window", x + " " + y + " " + width + " " + height);
    }

    /** The two divider positions of the main window, when remembered. */
    public Optional<double[]> paneDividers() {
        return text("panes").map(v -> Arrays.stream(v.split(" ")).mapToDouble(Double::parseDouble).toArray())
                .filter(a -> a.length == 2 && a[0] > 0 && a[0] < a[1] && a[1] < 1);
    }

    public void paneDividers(double left, double right) {
        put("panes", left + " " + right);
    }

    private Optional<String> text(String key) {
        String value = props.getProperty(key, "").strip();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private List<String> words(String key) {
        return text(key).map(v -> List.of(v.split("\\s+"))).orElse(List.of());
    }

    private <E extends Enum<E>> E enumValue(String key, Class<E> type, E fallback) {
        try {
            return text(key).map(v -> Enum.valueOf(type, v.toUpperCase(Locale.ROOT))).orElse(fallback);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    /**
     * Who hears that a change could not be written (the app shows a notice); called on the thread that made the
     * change. The change still holds until the app quits.
     */
    public void onWriteFailure(Consumer<UncheckedIOException> listener) {
        writeFailed = listener;
    }

    private void put(String key, String value) {
        props.setProperty(key, value);
        try {
            PropertiesFile.save(file, props, "Confab settings", false);
        } catch (UncheckedIOException e) {
            // Handled here: a setting that cannot be saved is no reason to stop chatting.
            LOG.warn("Could not save the settings to {}; the change holds until the app quits", file, e);
            writeFailed.accept(e);
        }
    }
}
