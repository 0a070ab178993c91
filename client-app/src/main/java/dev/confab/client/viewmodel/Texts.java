package dev.confab.client.viewmodel;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The app's words, from {@code dev/confab/client/messages.properties}: the bundle of the user's locale when there
 * is one ({@code messages_de.properties}), English (the base bundle) for every key it lacks and for other locales.
 */
public final class Texts {
    private static final ResourceBundle BUNDLE = bundleFor(Locale.getDefault());

    private Texts() {
    }

    /** The text for {@code key}, with {@code {0}}-style arguments filled in. */
    public static String get(String key, Object... args) {
        String pattern = BUNDLE.getString(key);
        // The bundle never quotes on purpose, so an apostrophe ("isn't") is always literal text.
        if (args.length == 0) {
            return pattern;
        }
        return new MessageFormat(pattern.replace("'", "''"), Locale.getDefault(Locale.Category.FORMAT)).format(args);
    }

    static ResourceBundle bundleFor(Locale locale) {
        return ResourceBundle.getBundle("dev.confab.client.messages", locale);
    }

    public static ResourceBundle bundle() {
        return BUNDLE;
    }
}
