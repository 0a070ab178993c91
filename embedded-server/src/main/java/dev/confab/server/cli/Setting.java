package dev.confab.server.cli;

import dev.confab.server.ServerConfigBuilder;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * One setting of the standalone server: its flag, its environment variable (derived from the flag:
 * {@code --max-frame-bytes} is {@code CONFAB_MAX_FRAME_BYTES}), what it means, and how it changes the config.
 *
 * @param flag the long option, e.g. {@code --port}
 * @param label the value's placeholder in the help, or empty for an on/off switch
 * @param description one sentence for the help
 * @param defaultText the default as the help shows it
 * @param apply sets the value (as text) on the builder; throws {@link IllegalArgumentException} when it is bad
 */
record Setting(String flag, String label, String description, String defaultText,
               BiConsumer<ServerConfigBuilder, String> apply) {

    /** The environment variable with the same meaning. */
    String environmentVariable() {
        return "CONFAB_" + flag.substring(2).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** True for an on/off switch, which also has a {@code --no-} form. */
    boolean isSwitch() {
        return label.isEmpty();
    }

    /** The {@code --no-} form of a switch. */
    String negatedFlag() {
        return "--no-" + flag.substring(2);
    }
}
