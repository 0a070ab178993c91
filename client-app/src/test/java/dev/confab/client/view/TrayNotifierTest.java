package dev.confab.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tray's fallback logic without AWT (the tests run headless, where AWT has no tray at all). */
class TrayNotifierTest {
    private static final class FakeTray implements TrayNotifier.Tray {
        final List<String> shown = new ArrayList<>();
        boolean available = true;
        boolean failInstall;
        int installs;
        boolean removed;

        @Override
        public boolean install() throws Exception {
            installs++;
            if (failInstall) {
                throw new java.awt.AWTException("tray is full");
            }
            return available;
        }

        @Override
        public void display(String title, String body) {
            shown.add(title + ": " + body);
        }

        @Override
        public void remove() {
            removed = true;
        }
    }

    @Test
    void aTrayShowsEveryNotificationAfterInstallingOnce() {
        FakeTray tray = new FakeTray();
        TrayNotifier notifier = new TrayNotifier(tray);
        assertThat(notifier.notify("bob in #builds", "green")).isTrue();
        assertThat(notifier.notify("bob mentioned you in #builds", "@alice look")).isTrue();
        assertThat(tray.installs).isEqualTo(1);
        assertThat(tray.shown).containsExactly("bob in #builds: green", "bob mentioned you in #builds: @alice look");
    }

    @Test
    void noTrayMeansTheToastAndNoSecondTry() {
        FakeTray tray = new FakeTray();
        tray.available = false;
        TrayNotifier notifier = new TrayNotifier(tray);
        assertThat(notifier.notify("bob in #builds", "green")).isFalse();
        assertThat(notifier.notify("bob in #builds", "still green")).isFalse();
        assertThat(tray.installs).isEqualTo(1);
        assertThat(tray.shown).isEmpty();
    }

    @Test
    void aTrayThatFailsToInstallMeansTheToast() {
        FakeTray tray = new FakeTray();
        tray.failInstall = true;
        TrayNotifier notifier = new TrayNotifier(tray);
        assertThat(notifier.notify("bob in #builds", "green")).isFalse();
        assertThat(notifier.notify("bob in #builds", "green")).isFalse();
        assertThat(tray.installs).isEqualTo(1);
    }

    @Test
    void afterDisposeTheIconIsGoneAndNotificationsFallBack() {
        FakeTray tray = new FakeTray();
        TrayNotifier notifier = new TrayNotifier(tray);
        notifier.notify("bob in #builds", "green");
        notifier.dispose();
        assertThat(tray.removed).isTrue();
        assertThat(notifier.notify("bob in #builds", "again")).isFalse();
        assertThat(tray.shown).hasSize(1);
    }
}
