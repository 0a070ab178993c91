package dev.confab.client.view;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.sun.javafx.css.StyleManager;
import dev.confab.client.settings.Theme;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.application.Application;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/** AtlantaFX Primer Light and Dark, and a best-effort reading of the system's preference. */
public final class Themes {
    /** The system's preference read ahead of time, if {@link #readSystemPreferenceAhead()} was called. */
    private static final AtomicReference<@Nullable CompletableFuture<Boolean>> SYSTEM_DARK = new AtomicReference<>();

    private Themes() {
    }

    /**
     * Starts reading the desktop's light/dark preference on a background thread. Reading it may run a command
     * (gsettings: tens of milliseconds), so the app starts it first thing and {@link #apply} finds it done.
     */
    private static void readSystemPreferenceAhead() {
        SYSTEM_DARK.set(CompletableFuture.supplyAsync(Themes::systemPrefersDark,
                task -> Thread.ofPlatform().daemon().name("confab-system-theme").start(task)));
    }

    /**
     * Reads the system's preference ahead (see {@link #readSystemPreferenceAhead()}) and loads the stylesheet of
     * the theme {@code chosen} gives, on background threads, while the JavaFX toolkit starts: loading AtlantaFX's
     * stylesheet (1,072 rules, binary) took 140-380 ms on the FX thread (on a busy machine, load 8), between the
     * toolkit's start and the first frame. {@link #apply} then finds it loaded: JavaFX's style manager keeps it,
     * and setting the same stylesheet again costs a checksum. Whatever goes wrong here only means {@link #apply}
     * loads it itself.
     */
    public static void loadAhead(Supplier<Theme> chosen) {
        readSystemPreferenceAhead();
        CompletableFuture<Boolean> systemDark = SYSTEM_DARK.get();
        Thread.ofPlatform().daemon().name("confab-theme-ahead").start(() -> {
            try {
                boolean dark = switch (chosen.get()) {
                    case DARK -> true;
                    case LIGHT -> false;
                    case SYSTEM -> systemDark != null ? systemDark.join() : systemPrefersDark();
                };
                // The loader Application.setUserAgentStylesheet ends in (internal API: JavaFX runs from the class
                // path here), which needs no toolkit; it is thread-safe (one lock over the style manager's state).
                StyleManager.getInstance().setUserAgentStylesheets(List.of(stylesheet(dark)));
            } catch (RuntimeException e) {
                // A background thread's boundary: apply() loads the stylesheet on the FX thread as before.
                LoggerFactory.getLogger(Themes.class).debug("Theme not loaded ahead: {}", e.toString());
            }
        });
    }

    /** Applies the chosen theme to the whole app. */
    public static void apply(Theme theme) {
        boolean dark = switch (theme) {
            case DARK -> true;
            case LIGHT -> false;
            case SYSTEM -> {
                // Read ahead serves the first use only: later (a change in the settings) reads afresh.
                CompletableFuture<Boolean> ahead = SYSTEM_DARK.getAndSet(null);
                yield ahead != null ? ahead.join() : systemPrefersDark();
            }
        };
        Application.setUserAgentStylesheet(stylesheet(dark));
    }

    /** AtlantaFX's precompiled (binary) stylesheets: nothing to parse at start. */
    private static String stylesheet(boolean dark) {
        return dark ? new PrimerDark().getUserAgentStylesheetBSS() : new PrimerLight().getUserAgentStylesheetBSS();
    }

    /**
     * JavaFX 21 has no {@code Platform.Preferences} (JavaFX 22 added it), so ask the desktop's own tool; light when
     * nothing can be read. Read once per {@link #apply}: a change of the system's preference while the app runs is
     * not followed.
     */
    static boolean systemPrefersDark() {
        return prefersDark(System.getProperty("os.name", ""), System.getenv("GTK_THEME"),
                Boolean.getBoolean("java.awt.headless"), Themes::ask);
    }

    /** The reading itself, apart from where its inputs come from: {@code ask} runs a command, giving its output. */
    static boolean prefersDark(String osName, @Nullable String gtkTheme, boolean headless,
                               Function<List<String>, String> ask) {
        if (gtkTheme != null) {
            return gtkTheme.toLowerCase(Locale.ROOT).contains("dark");
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (headless && !os.contains("win") && !os.contains("mac")) {
            return false;
        }
        if (os.contains("mac")) {
            // "Dark" when dark; an error ("... does not exist") when light, which has no such key.
            return lower(ask.apply(List.of("defaults", "read", "-g", "AppleInterfaceStyle"))).strip().equals("dark");
        }
        if (os.contains("win")) {
            return lower(ask.apply(List.of("reg", "query",
                    "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                    "/v", "AppsUseLightTheme"))).matches("(?s).*apps?uselighttheme\\s+reg_dword\\s+0x0\\b.*");
        }
        return lower(ask.apply(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme")))
                .contains("dark");
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    private static String ask(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(1, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "";
            }
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            // The logger is fetched here, not held in a static field: the app reads the preference ahead on its
            // first line, before logging has started, and must not wait for logging to start.
            LoggerFactory.getLogger(Themes.class).debug("Could not read the system theme with {}: {}",
                    command.getFirst(), e.toString());
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
