package dev.confab.client.view;

import dev.confab.client.viewmodel.Desktop;
import java.util.function.Consumer;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/**
 * The desktop as the app sees it: the clipboard, the browser for links, and notifications through the AWT
 * system tray where there is one (otherwise the caller shows an in-app toast).
 */
public final class DesktopIntegration implements Desktop {
    private final Consumer<String> browser;
    private final TrayNotifier tray = new TrayNotifier(new AwtTray());

    private DesktopIntegration(Consumer<String> browser) {
        this.browser = browser;
    }

    /** {@code browser} opens a link (the application's host services). */
    public static DesktopIntegration create(Consumer<String> browser) {
        return new DesktopIntegration(browser);
    }

    @Override
    public void copyToClipboard(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    @Override
    public void openLink(String url) {
        if (url.startsWith("http://") || url.startsWith("https://")) {
            browser.accept(url);
        }
    }

    @Override
    public boolean notify(String title, String body) {
        return tray.notify(title, body);
    }

    /** Removes the tray icon so the JVM can exit. */
    public void dispose() {
        tray.dispose();
    }
}
