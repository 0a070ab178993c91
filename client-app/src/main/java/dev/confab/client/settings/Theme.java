package dev.confab.client.settings;

/** The look the user picked. */
public enum Theme {
    /** Light or dark as the operating system is, where that can be read. */
    SYSTEM,
    LIGHT,
    DARK
}
