package dev.confab.client;

import java.awt.Desktop;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invite links the desktop opens while the app runs. On macOS a {@code confab://} link arrives as an "open URL"
 * event (at launch too), never as an argument; Linux and Windows pass it on the command line instead, which
 * {@link Launcher} reads. Only touches AWT on macOS, so other systems do not pay for loading it.
 */
final class OpenedLinks {
    private static final Logger LOG = LoggerFactory.getLogger(OpenedLinks.class);

    private OpenedLinks() {
    }

    /** On macOS, hands every opened {@code confab://} link to {@code target} (on an AWT thread). */
    static void listen(Consumer<String> target) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("mac")) {
            return;
        }
        try {
            if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.APP_OPEN_URI)) {
                Desktop.getDesktop().setOpenURIHandler(event -> target.accept(event.getURI().toString()));
            }
        } catch (RuntimeException e) {
            // The boundary with the desktop: without the handler links only work when they start the app.
            LOG.warn("Cannot receive opened confab:// links: {}", e.toString());
        }
    }
}
