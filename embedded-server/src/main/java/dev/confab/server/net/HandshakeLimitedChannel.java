package dev.confab.server.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import org.java_websocket.WebSocket;
import org.java_websocket.WrappedByteChannel;
import org.java_websocket.enums.ReadyState;

/**
 * A socket that refuses to read more than a bound before its connection is upgraded. Java-WebSocket re-parses
 * an unfinished upgrade request on every read, so megabytes of header lines cost seconds of CPU; this ends such a
 * connection after the first few kilobytes. After the upgrade it only passes reads and writes through.
 *
 * <p>With TLS the inner channel is the library's {@link WrappedByteChannel} doing the encryption: it buffers
 * decrypted bytes the server fetches with {@link #readMore} and pending records it flushes with {@link #writeMore},
 * so this channel is a {@link WrappedByteChannel} too and passes those calls on (the server only makes them when it
 * sees that interface). The bound counts decrypted bytes: the upgrade request itself, not the TLS handshake, whose
 * time the handshake deadline bounds.
 */
final class HandshakeLimitedChannel implements WrappedByteChannel {
    private final SocketChannel socket;
    private final ByteChannel inner;
    private final WebSocket connection;
    private final int maxHandshakeBytes;
    private long readBeforeUpgrade;

    HandshakeLimitedChannel(SocketChannel socket, ByteChannel inner, WebSocket connection, int maxHandshakeBytes) {
        this.socket = socket;
        this.inner = inner;
        this.connection = connection;
        this.maxHandshakeBytes = maxHandshakeBytes;
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
        return counted(inner.read(destination));
    }

    @Override
    public int readMore(ByteBuffer destination) throws IOException {
        return inner instanceof WrappedByteChannel wrapped ? counted(wrapped.readMore(destination)) : 0;
    }

    @Override
    public boolean isNeedRead() {
        return inner instanceof WrappedByteChannel wrapped && wrapped.isNeedRead();
    }

    @Override
    public boolean isNeedWrite() {
        return inner instanceof WrappedByteChannel wrapped && wrapped.isNeedWrite();
    }

    @Override
    public void writeMore() throws IOException {
        if (inner instanceof WrappedByteChannel wrapped) {
            wrapped.writeMore();
        }
    }

    @Override
    public boolean isBlocking() {
        return inner instanceof WrappedByteChannel wrapped ? wrapped.isBlocking() : socket.isBlocking();
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        return inner.write(source);
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public void close() throws IOException {
        try {
            // The TLS channel first writes its close_notify, which fails on a socket that never finished its TLS
            // handshake; the socket must be closed all the same.
            inner.close();
        } finally {
            socket.close();
        }
    }

    private int counted(int read) throws IOException {
        if (read > 0 && connection.getReadyState() == ReadyState.NOT_YET_CONNECTED) {
            readBeforeUpgrade += read;
            if (readBeforeUpgrade > maxHandshakeBytes) {
                // The server treats a read failure as the end of that connection.
                throw new IOException("upgrade request larger than " + maxHandshakeBytes + " bytes");
            }
        }
        return read;
    }
}
