package dev.confab.server.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import org.java_websocket.WebSocket;
import org.java_websocket.enums.ReadyState;

/**
 * A socket that refuses to read more than a bound before its connection is upgraded. Java-WebSocket re-parses
 * an unfinished upgrade request on every read, so megabytes of header lines cost seconds of CPU; this ends such a
 * connection after the first few kilobytes. After the upgrade it only passes reads and writes through.
 */
final class HandshakeLimitedChannel implements ByteChannel {
    private final SocketChannel socket;
    private final WebSocket connection;
    private final int maxHandshakeBytes;
    private long readBeforeUpgrade;

    HandshakeLimitedChannel(SocketChannel socket, WebSocket connection, int maxHandshakeBytes) {
        this.socket = socket;
        this.connection = connection;
        this.maxHandshakeBytes = maxHandshakeBytes;
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
        int read = socket.read(destination);
        if (read > 0 && connection.getReadyState() == ReadyState.NOT_YET_CONNECTED) {
            readBeforeUpgrade += read;
            if (readBeforeUpgrade > maxHandshakeBytes) {
                // The server treats a read failure as the end of that connection.
                throw new IOException("upgrade request larger than " + maxHandshakeBytes + " bytes");
            }
        }
        return read;
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        return socket.write(source);
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
