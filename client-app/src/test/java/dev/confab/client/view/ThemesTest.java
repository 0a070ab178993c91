package dev.confab.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Reading the desktop's light/dark preference from what each desktop's own tool answers. */
class ThemesTest {
    private final List<List<String>> asked = new ArrayList<>();

    private Function<List<String>, String> answering(String output) {
        return command -> {
            asked.add(command);
            return output;
        };
    }

    @Test
    void gtkThemeDecidesWithoutAskingAnything() {
        assertThat(Themes.prefersDark("Linux", "Adwaita:dark", false, answering("'default'"))).isTrue();
        assertThat(Themes.prefersDark("Linux", "Adwaita", false, answering("'prefer-dark'"))).isFalse();
        assertThat(asked).isEmpty();
    }

    @Test
    void gnomeColorScheme() {
        assertThat(Themes.prefersDark("Linux", null, false, answering("'prefer-dark'\n"))).isTrue();
        assertThat(asked).containsExactly(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"));
        assertThat(Themes.prefersDark("Linux", null, false, answering("'default'\n"))).isFalse();
        assertThat(Themes.prefersDark("Linux", null, false, answering(""))).as("no gsettings").isFalse();
    }

    @Test
    void aHeadlessLinuxAsksNothingAndIsLight() {
        assertThat(Themes.prefersDark("Linux", null, true, answering("'prefer-dark'"))).isFalse();
        assertThat(asked).isEmpty();
    }

    @Test
    void macAppleInterfaceStyle() {
        assertThat(Themes.prefersDark("Mac OS X", null, false, answering("Dark\n"))).isTrue();
        assertThat(Themes.prefersDark("Mac OS X", null, false, answering(
                "The domain/default pair of (kCFPreferencesAnyApplication, AppleInterfaceStyle) does not exist\n")))
                .isFalse();
    }

    @Test
    void windowsAppsUseLightTheme() {
        String dark = "\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize\r\n"
                + "    AppsUseLightTheme    REG_DWORD    0x0\r\n\r\n";
        assertThat(Themes.prefersDark("Windows 11", null, false, answering(dark))).isTrue();
        assertThat(Themes.prefersDark("Windows 11", null, false, answering(dark.replace("0x0", "0x1")))).isFalse();
        assertThat(Themes.prefersDark("Windows 11", null, true, answering(dark))).as("headless Windows still asks")
                .isTrue();
        assertThat(Themes.prefersDark("Windows 11", null, false, answering("ERROR: The system was unable to find"
                + " the specified registry key or value."))).isFalse();
    }
}
