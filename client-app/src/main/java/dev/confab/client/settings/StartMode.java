package dev.confab.client.settings;

/** What the app did last time, so the next start can go straight back to it. */
public enum StartMode {
    /** Show the start screen. */
    NONE,
    /** Host a room again on this computer. */
    HOST,
    /** Reconnect to the last server with the stored token. */
    JOIN
}
