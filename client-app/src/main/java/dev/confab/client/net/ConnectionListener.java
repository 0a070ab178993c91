package dev.confab.client.net;

import dev.confab.protocol.ProtocolError;
import dev.confab.protocol.ServerFrame;
import java.time.Instant;

/** What a {@link ChatConnection} reports. Called on the connection's own threads, one call at a time. */
public interface ConnectionListener {
    /** The WebSocket handshake completed; the server's first frame follows. */
    void onOpen();

    /** A frame from the server, decoded and valid. */
    void onFrame(ServerFrame frame);

    /** The server sent something that is not a valid frame; already logged. */
    void onUndecodable(ProtocolError error);

    /** The connection ended or could not be made. */
    void onDropped(DropReason reason);

    /** The next attempt is scheduled for {@code at}. */
    void onRetryScheduled(Instant at, int attempt);

    /** An attempt to connect has started. */
    void onConnecting(int attempt);
}
