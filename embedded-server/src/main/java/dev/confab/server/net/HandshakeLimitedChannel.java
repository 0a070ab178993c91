package dev.confab.server.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WrappedByteChannel;
import org.java_websocket.enums.ReadyState;

/**
 * A connection's socket as the server sees it. Before the upgrade it refuses to read more than a bound:
 * Java-WebSocket re-parses an unfinished upgrade request on every read, so megabytes of header lines cost seconds
 * of CPU; this ends such a connection after the first few kilobytes.
 *
 * <p>It also writes the connection's output coalesced. The library's selector thread writes the queued buffers
 * one at a time, one {@code write} system call per frame; handed the head of the queue, this channel writes it
 * together with the buffers queued behind it in one gathering write, and the library's next calls, for buffers
 * already written, cost nothing. Bytes written are counted out of the connection's {@link OutputMeter}.
 *
 * <p>With TLS the inner channel is the library's {@link WrappedByteChannel} doing the encryption: it buffers
 * decrypted bytes the server fetches with {@link #readMore} and pending records it flushes with {@link #writeMore},
 * so this channel is a {@link WrappedByteChannel} too and passes those calls on (the server only makes them when it
 * sees that interface). Writes then go through it one buffer at a time (plaintext must not reach the socket). The
 * upgrade bound counts decrypted bytes: the request itself, not the TLS handshake, whose time the deadline bounds.
 *
 * <p>On a plain socket, {@link #isNeedRead} and {@link #readMore} also give the {@link SelectedKeySweeper} its turn
 * on the selector thread after the loop.
 *
 * <p>The end of a plain socket's stream is handed to {@code endOfStream} instead of being returned to the library.
 * Java-WebSocket's selector loop closes a connection that read {@code -1} right there ({@code eot()}, which cancels
 * its key) and then asks the cancelled key whether it is writable: the {@code CancelledKeyException} ends that turn
 * of the loop, and the rest of the selected keys wait for the next one. When thousands of clients leave at once
 * every turn closed one connection and then polled all the others again (S5 between its two storms: the selector
 * spent about 0.5 ms of CPU per close, most of it in {@code epoll_wait}). So the read reports nothing read, the
 * key stops asking for reads, and the library's {@code eot()} runs on the executor: the loop goes on with the other
 * keys, and the close (cancelling the key, the close callback) happens as it did, on another thread, as closes the
 * decoder threads begin already do. TLS keeps the library's behaviour: its channel has its own end-of-stream
 * handling.
 */
final class HandshakeLimitedChannel implements WrappedByteChannel {
    /** Buffers written by one gathering write at most (well under the kernel's IOV_MAX). */
    private static final int MAX_GATHER = 64;
    /** Bytes one gathering write takes at most: more would not fit a socket's send buffer anyway. */
    private static final long MAX_GATHER_BYTES = 256 * 1024;
    /** One array per writing thread (the selector): an array per connection would cost memory on every idle one. */
    private static final ThreadLocal<ByteBuffer[]> GATHER = ThreadLocal.withInitial(() -> new ByteBuffer[MAX_GATHER]);

    private final SocketChannel socket;
    /** The socket itself, or the library's TLS channel over it. */
    private final ByteChannel inner;
    private final WebSocket connection;
    private final SelectedKeySweeper sweeper;
    private final int maxHandshakeBytes;
    private final SelectionKey key;
    private final Executor endOfStream;
    private long readBeforeUpgrade;
    private long writtenUnmetered;
    /** The end of the stream was read and its close handed over; only the selector thread reads from here. */
    private boolean endHandedOver;

    HandshakeLimitedChannel(SocketChannel socket, ByteChannel inner, WebSocket connection,
                            SelectedKeySweeper sweeper, int maxHandshakeBytes, SelectionKey key,
                            Executor endOfStream) {
        this.socket = socket;
        this.inner = inner;
        this.connection = connection;
        this.sweeper = sweeper;
        this.maxHandshakeBytes = maxHandshakeBytes;
        this.key = key;
        this.endOfStream = endOfStream;
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
        if (endHandedOver) {
            // A stale selection of a key whose close is on its way, or read interest the library's doWrite set
            // again (it sets OP_READ after every write): off again.
            dropReadInterest();
            return 0;
        }
        int read = inner.read(destination);
        if (read < 0 && inner == socket && connection instanceof WebSocketImpl impl && handOverEnd(impl)) {
            return 0;
        }
        return counted(read);
    }

    /** Closes the connection on the executor (see the class comment); false when it cannot take it. */
    private boolean handOverEnd(WebSocketImpl impl) {
        dropReadInterest(); // before the hand-over, which cancels the key
        try {
            endOfStream.execute(impl::eot);
        } catch (RejectedExecutionException e) {
            return false; // shutting down: the library closes it here, as it always did
        }
        endHandedOver = true;
        return true;
    }

    /** Level-triggered: a socket at its end stays readable, and would be selected again until it is closed. */
    private void dropReadInterest() {
        try {
            int interest = key.interestOps();
            if ((interest & SelectionKey.OP_READ) != 0) {
                key.interestOps(interest & ~SelectionKey.OP_READ);
            }
        } catch (CancelledKeyException e) {
            // Closed already (by the executor or a decoder thread): nothing left to select.
        }
    }

    @Override
    public int readMore(ByteBuffer destination) throws IOException {
        sweeper.readMore(this);
        return inner instanceof WrappedByteChannel wrapped ? counted(wrapped.readMore(destination)) : 0;
    }

    @Override
    public boolean isNeedRead() {
        if (inner instanceof WrappedByteChannel wrapped) {
            // TLS: the library's channel drives its handshake with the key's selections; left as the library has it.
            return wrapped.isNeedRead();
        }
        return sweeper.wantsReadMore(this);
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

    /** Only the selector thread writes, so the unmetered count needs no lock. */
    @Override
    public int write(ByteBuffer source) throws IOException {
        if (!source.hasRemaining()) {
            return 0; // written already, by the gathering write of a buffer ahead of it
        }
        if (inner != socket) {
            int encrypted = inner.write(source);
            meter(encrypted);
            return encrypted;
        }
        ByteBuffer[] gather = GATHER.get();
        int count = gatherFrom(source, gather);
        long written;
        try {
            written = count == 1 ? socket.write(source) : socket.write(gather, 0, count);
        } finally {
            Arrays.fill(gather, 0, count, null);
        }
        meter(written);
        return (int) Math.min(written, Integer.MAX_VALUE);
    }

    /** Fills {@code gather} with {@code source} and the buffers queued right behind it; returns how many. */
    private int gatherFrom(ByteBuffer source, ByteBuffer[] gather) {
        gather[0] = source;
        if (!(connection instanceof WebSocketImpl impl) || impl.outQueue.size() < 2) {
            return 1; // nothing queued behind it: skip the iterator, which locks the queue at every step
        }
        Iterator<ByteBuffer> queued = impl.outQueue.iterator();
        if (!queued.hasNext() || queued.next() != source) {
            return 1; // not the library's queue head: write it alone
        }
        int count = 1;
        long bytes = source.remaining();
        while (count < MAX_GATHER && bytes < MAX_GATHER_BYTES && queued.hasNext()) {
            ByteBuffer next = queued.next();
            gather[count++] = next;
            bytes += next.remaining();
        }
        return count;
    }

    /** The draft that meters this connection is set just after the upgrade response is queued: catch up. */
    private void meter(long written) {
        if (connection.getDraft() instanceof BoundedDraft draft) {
            draft.meter().written(written + writtenUnmetered);
            writtenUnmetered = 0;
        } else {
            writtenUnmetered += written;
        }
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
}
