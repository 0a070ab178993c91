package dev.confab.client.viewmodel;

/** What the app asks of the desktop; an interface so view models test without one. */
public interface Desktop {
    void copyToClipboard(String text);

    void openLink(String url);

    /** Shows a desktop notification; false when the desktop has none (the app then shows a toast). */
    boolean notify(String title, String body);
}
