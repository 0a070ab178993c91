package dev.confab.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.Decoded;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.FrameCodec;
import dev.confab.protocol.ServerFrame;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/** A real WebSocket client that decodes every server frame and remembers how the connection closed. */
public class TestClient extends WebSocketClient {
    public static final long WAIT_SECONDS = 10;
    private static final FrameCodec CODEC = FrameCodec.create();

    private final BlockingQueue<ServerFrame> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private volatile Instant closedAt = Instant.MAX;

    public TestClient(URI uri) {
        super(uri);
    }

    public TestClient(URI uri, Map<String, String> headers) {
        super(uri, headers);
    }

    /** Connects and waits for the upgrade; fails the test if it does not happen. */
    public TestClient open() {
        try {
            assertThat(connectBlocking(WAIT_SECONDS, TimeUnit.SECONDS)).as("connected to " + uri).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
        return this;
    }

    public void send(ClientFrame frame) {
        send(CODEC.encode(frame));
    }

    /** The next frame, whatever it is. */
    public ServerFrame next() {
        try {
            ServerFrame frame = frames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (frame == null) {
                fail("no frame within " + WAIT_SECONDS + " s (closed: " + closeCode.getNow(null) + ")");
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The next frame, or empty when the connection closes first (bounded like {@link #next()}). */
    public Optional<ServerFrame> nextUnlessClosed() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        try {
            while (System.nanoTime() < deadline) {
                boolean closed = closeCode.isDone();
                ServerFrame frame = frames.poll(20, TimeUnit.MILLISECONDS);
                if (frame != null) {
                    return Optional.of(frame);
                }
                if (closed) {
                    return Optional.empty();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        throw new AssertionError("neither a frame nor a close within " + WAIT_SECONDS + " s");
    }

    /** The next frame, which must be of this type. */
    public <T extends ServerFrame> T next(Class<T> type) {
        ServerFrame frame = next();
        assertThat(frame).isInstanceOf(type);
        return type.cast(frame);
    }

    /** Skips frames until one of this type that matches. */
    public <T extends ServerFrame> T await(Class<T> type, Predicate<T> matching) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            ServerFrame frame = next();
            if (type.isInstance(frame) && matching.test(type.cast(frame))) {
                return type.cast(frame);
            }
        }
        throw new AssertionError("no matching " + type.getSimpleName());
    }

    public <T extends ServerFrame> T await(Class<T> type) {
        return await(type, frame -> true);
    }

    /** The next frame, which must be an error with this code. */
    public ServerFrame.ErrorFrame nextError(ErrorCode code) {
        ServerFrame.ErrorFrame error = next(ServerFrame.ErrorFrame.class);
        assertThat(error.data().code()).as(error.data().error()).isEqualTo(code);
        return error;
    }

    /** True when no frame arrives within the given time (for "nothing else was sent"). */
    public boolean quietFor(long millis) {
        try {
            ServerFrame frame = frames.poll(millis, TimeUnit.MILLISECONDS);
            if (frame != null) {
                frames.add(frame);
                return false;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Every frame received and not read yet. */
    public java.util.List<ServerFrame> unread() {
        java.util.List<ServerFrame> unread = new java.util.ArrayList<>();
        frames.drainTo(unread);
        return unread;
    }

    /** Waits for the connection to close and returns its close code. */
    public int awaitClose() {
        try {
            return closeCode.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("connection did not close within " + WAIT_SECONDS + " s", e);
        }
    }

    public boolean closedYet() {
        return closeCode.isDone();
    }

    /** When the close was seen ({@link Instant#MAX} while open). */
    public Instant closedAt() {
        return closedAt;
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
    }

    @Override
    public void onMessage(String message) {
        switch (CODEC.decodeServer(message)) {
            case Decoded.Ok<ServerFrame> ok -> frames.add(ok.frame());
            case Decoded.Failed<ServerFrame> failed -> throw new AssertionError("undecodable frame: " + message
                    + " (" + failed.error() + ")");
        }
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closedAt = Instant.now();
        closeCode.complete(code);
    }

    @Override
    public void onError(Exception ex) {
    }
}
