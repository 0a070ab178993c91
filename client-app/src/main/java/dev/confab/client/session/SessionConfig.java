package dev.confab.client.session;

import java.time.Duration;

/**
 * The session's limits.
 *
 * @param typingShown how long "bob is typing…" stays after bob's last typing frame
 * @param typingThrottle the least time between two typing frames this client sends for one room
 * @param historyPage how many older messages one scroll to the top loads (1..200)
 * @param rateLimitPause how long to wait before sending again a message the server found too fast
 */
public record SessionConfig(Duration typingShown, Duration typingThrottle, int historyPage, Duration rateLimitPause) {
    public SessionConfig {
        if (historyPage < 1 || historyPage > 200) {
            throw new IllegalArgumentException("historyPage must be 1..200, was " + historyPage);
        }
    }

    public static SessionConfig defaults() {
        return new SessionConfig(Duration.ofSeconds(6), Duration.ofSeconds(3), 50, Duration.ofSeconds(1));
    }
}
