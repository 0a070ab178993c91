package dev.confab.client.viewmodel;

/** The colour of the connection dot. */
public enum ConnectionLevel {
    ONLINE,
    RECONNECTING,
    OFFLINE
}
