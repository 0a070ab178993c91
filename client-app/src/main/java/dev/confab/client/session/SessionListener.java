package dev.confab.client.session;

/** Receives session events, on the session's threads; implementations hand them on and return quickly. */
@FunctionalInterface
public interface SessionListener {
    void onEvent(SessionEvent event);
}
