package dev.confab.server.session;

import dev.confab.protocol.ErrorCode;
import java.time.Duration;

/**
 * What the chat service reports as it runs, for metrics. Called on connection and delivery threads: must be quick
 * and must not throw.
 */
public interface ChatObserver {

    /**
     * A connection closed after being open this long, with this close code: the one the server sent or cut it
     * with (a cut such as 4008 sends no close frame), or the client's, or 1006 when the socket just dropped.
     */
    void connectionClosed(Duration open, int closeCode);

    /** An {@code error} frame went to a client. */
    void errorSent(ErrorCode code);

    /** A stored message was handed to this many connections of this node. */
    void messageDelivered(int connections);

    /** Reports nothing. */
    ChatObserver NONE = new ChatObserver() {
        @Override
        public void connectionClosed(Duration open, int closeCode) {
        }

        @Override
        public void errorSent(ErrorCode code) {
        }

        @Override
        public void messageDelivered(int connections) {
        }
    };
}
