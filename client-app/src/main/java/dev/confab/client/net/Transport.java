package dev.confab.client.net;

import dev.confab.protocol.ClientFrame;

/** The part of a connection the session uses; a seam so the session tests without sockets. */
public interface Transport {
    /** Sends a frame now; false when the connection is not open (the caller keeps it for later). */
    boolean send(ClientFrame frame);

    /** Connects (or reconnects) now, cancelling any scheduled wait. */
    void connectNow();

    /** Whether drops that can be retried are retried on their own. */
    void autoReconnect(boolean enabled);

    /** The token the next handshake presents; empty to sign in on the connection instead. */
    void token(String token);

    /** Closes for good; no further attempts. */
    void close();
}
