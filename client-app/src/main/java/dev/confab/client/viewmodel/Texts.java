package dev.confab.client.viewmodel;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The app's words, from {@code dev/confab/client/messages.properties}. */
public final class Texts {
    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("dev.confab.client.messages", Locale.ROOT);

    private Texts() {
    }

    /** The text for {@code key}, with {@code {0}}-style arguments filled in. */
    public static String get(String key, Object... args) {
        String pattern = BUNDLE.getString(key);
        // The bundle never quotes on purpose, so an apostrophe ("isn't") is always literal text.
        return args.length == 0 ? pattern : new MessageFormat(pattern.replace("'", "''"), Locale.ROOT).format(args);
    }

    public static ResourceBundle bundle() {
        return BUNDLE;
    }
}
