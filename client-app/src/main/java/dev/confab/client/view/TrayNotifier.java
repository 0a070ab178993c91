package dev.confab.client.view;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Desktop notifications through a system tray, tried once: where there is no tray (headless, no tray host, or
 * installing the icon failed) every notification answers false and the app shows its in-app toast instead.
 */
final class TrayNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(TrayNotifier.class);

    /** A system tray: the AWT one in the app, a fake in tests (AWT has no tray in a headless test run). */
    interface Tray {
        /** Puts the app's icon in the tray; false (or an exception) when there is no tray to put it in. */
        boolean install() throws Exception;

        void display(String title, String body);

        void remove();
    }

    private final Tray tray;
    private boolean tried;
    private boolean installed;

    TrayNotifier(Tray tray) {
        this.tray = tray;
    }

    /** Shows a notification in the tray; false when there is none (the caller then shows a toast). */
    synchronized boolean notify(String title, String body) {
        if (!tried) {
            tried = true;
            try {
                installed = tray.install();
            } catch (Exception e) {
                LOG.info("No system tray; notifications show inside the window ({})", e.toString());
            }
        }
        if (installed) {
            tray.display(title, body);
        }
        return installed;
    }

    /** Takes the icon out of the tray (so the JVM can exit); later notifications go to the toast. */
    synchronized void dispose() {
        if (installed) {
            installed = false;
            tray.remove();
        }
    }
}
