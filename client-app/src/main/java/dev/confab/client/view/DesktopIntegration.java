package dev.confab.client.view;

import dev.confab.client.viewmodel.Desktop;
import java.awt.AWTException;
import java.awt.EventQueue;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import java.util.function.Consumer;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop as the app sees it: the clipboard, the browser for links, and notifications through the AWT
 * system tray where there is one (otherwise the caller shows an in-app toast).
 */
public final class DesktopIntegration implements Desktop {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopIntegration.class);

    private final Consumer<String> browser;
    private @Nullable TrayIcon trayIcon;
    private boolean trayTried;

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
    public synchronized boolean notify(String title, String body) {
        TrayIcon icon = trayIcon();
        if (icon == null) {
            return false;
        }
        EventQueue.invokeLater(() -> icon.displayMessage(title, body, TrayIcon.MessageType.INFO));
        return true;
    }

    /** Removes the tray icon so the JVM can exit. */
    public synchronized void dispose() {
        TrayIcon icon = trayIcon;
        trayIcon = null;
        if (icon != null) {
            EventQueue.invokeLater(() -> SystemTray.getSystemTray().remove(icon));
        }
    }

    private @Nullable TrayIcon trayIcon() {
        if (trayTried) {
            return trayIcon;
        }
        trayTried = true;
        try {
            if (java.awt.GraphicsEnvironment.isHeadless() || !SystemTray.isSupported()) {
                return null;
            }
            BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
            java.awt.Graphics2D g = image.createGraphics();
            g.setColor(new java.awt.Color(0x09, 0x69, 0xda));
            g.fillOval(1, 1, 14, 14);
            g.dispose();
            TrayIcon icon = new TrayIcon(image, "Confab");
            icon.setImageAutoSize(true);
            SystemTray.getSystemTray().add(icon);
            trayIcon = icon;
        } catch (AWTException | RuntimeException e) {
            LOG.info("No system tray; notifications show inside the window ({})", e.toString());
        }
        return trayIcon;
    }
}
