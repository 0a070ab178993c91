package dev.confab.client.view;

import dev.confab.client.viewmodel.Texts;
import java.awt.Color;
import java.awt.EventQueue;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import org.jspecify.annotations.Nullable;

/** The AWT system tray. Needs a desktop with a tray host; not exercised by the headless tests. */
final class AwtTray implements TrayNotifier.Tray {
    private @Nullable TrayIcon icon;

    @Override
    public boolean install() throws Exception {
        if (GraphicsEnvironment.isHeadless() || !SystemTray.isSupported()) {
            return false;
        }
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x09, 0x69, 0xda));
        g.fillOval(1, 1, 14, 14);
        g.dispose();
        TrayIcon created = new TrayIcon(image, Texts.get("app.title"));
        created.setImageAutoSize(true);
        SystemTray.getSystemTray().add(created);
        icon = created;
        return true;
    }

    @Override
    public void display(String title, String body) {
        TrayIcon shown = icon;
        if (shown != null) {
            EventQueue.invokeLater(() -> shown.displayMessage(title, body, TrayIcon.MessageType.INFO));
        }
    }

    @Override
    public void remove() {
        TrayIcon shown = icon;
        icon = null;
        if (shown != null) {
            EventQueue.invokeLater(() -> SystemTray.getSystemTray().remove(shown));
        }
    }
}
