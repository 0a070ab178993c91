package dev.confab.bench.load;

import dev.confab.bench.ws.FrameDecoder;
import dev.confab.bench.ws.Handshake;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/** One load connection. Owned by exactly one selector thread, which alone reads and writes its fields. */
final class Conn {
    enum State { CONNECTING, UPGRADING, AWAIT_HELLO, AWAIT_CONNECTED, READY, CLOSED }

    final int index;
    final String username;
    final SocketChannel channel;
    final Handshake handshake;
    final FrameDecoder decoder = FrameDecoder.create(16 * 1024 * 1024);
    final ArrayDeque<ByteBuffer> outbox = new ArrayDeque<>();
    State state = State.CONNECTING;
    SelectionKey key;
    byte[] in = new byte[1024];
    int inLen;
    long startNanos;
    List<String> rooms = List.of();
    /** When each history query of this connection was due, by query number. */
    long[] queryIntended = new long[0];
    /** Whether this connection's first history reply was decoded in full; the later ones are scanned. */
    boolean historyChecked;

    Conn(int index, String username, SocketChannel channel, Handshake handshake, SelectionKey key) {
        this.index = index;
        this.username = username;
        this.channel = channel;
        this.handshake = handshake;
        this.key = key;
    }

    /** Room for at least {@code extra} more bytes after {@code inLen}. */
    void ensureInCapacity(int extra) {
        if (in.length - inLen < extra) {
            in = Arrays.copyOf(in, Math.max(in.length * 2, inLen + extra));
        }
    }

    /** Drops {@code n} consumed bytes from the front of the input buffer. */
    void consume(int n) {
        if (n > 0) {
            System.arraycopy(in, n, in, 0, inLen - n);
            inLen -= n;
        }
        if (inLen == 0 && in.length > 64 * 1024) {
            in = new byte[1024];
        }
    }
}
