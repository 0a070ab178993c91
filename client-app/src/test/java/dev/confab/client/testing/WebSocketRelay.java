package dev.confab.client.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A loopback relay in front of a server that understands the server's side of a WebSocket. It passes the client's
 * bytes through as they are (masked frames, not parsed), reads the server's upgrade answer and then its frames one
 * by one (a server's frames are unmasked), and hands every text frame to a {@link #dropServerText filter} that may
 * swallow it: a lost frame on a connection that stays up, which TCP itself would never produce. Without a filter it
 * is a plain cable that {@link #cut()} pulls, as in {@code ReliabilityUiTest}.
 *
 * <p>{@link #blackhole()} is a partition: from then on nothing passes in either direction, but every socket stays
 * open, so neither end hears a FIN or an RST and only its own heartbeat can tell. New connections are refused
 * meanwhile (the listener closes), so a client's reconnect attempts fail fast and back off. {@link #restore()}
 * drops the connections that lived through the partition and listens again on the same port.
 */
public final class WebSocketRelay implements AutoCloseable {
    private static final int FIN = 0x80;
    private static final int OPCODE = 0x0F;
    private static final int TEXT = 0x1;
    private static final int MASKED = 0x80;

    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile Predicate<String> dropServerText = text -> false;
    private volatile boolean blackholed;
    private volatile ServerSocket listener;
    private volatile Thread acceptor;
    private int port;

    private WebSocketRelay(int target) {
        this.target = target;
    }

    /** Relays a free loopback port to {@code target} on loopback. */
    public static WebSocketRelay to(int target) {
        WebSocketRelay relay = new WebSocketRelay(target);
        relay.listen(0);
        return relay;
    }

    public int port() {
        return port;
    }

    /**
     * Which of the server's complete text frames are not passed on; called on the relay's thread for each such
     * frame, in the order the server sent them, so a seeded filter decides the same way every run. Not called in a
     * blackhole.
     */
    public void dropServerText(Predicate<String> filter) {
        dropServerText = filter;
    }

    /** Stops every byte both ways on the connections that are open, keeps them open, and refuses new ones. */
    public void blackhole() {
        blackholed = true;
        stopListening();
    }

    /** Drops every relayed connection, as a pulled cable would, and refuses new ones until {@link #restore()}. */
    public void cut() {
        stopListening();
        sockets.forEach(WebSocketRelay::closeQuietly);
        sockets.clear();
    }

    /** Ends a blackhole or a cut: the old connections are dropped, new ones pass again on the same port. */
    public void restore() {
        cut();
        blackholed = false;
        listen(port);
    }

    @Override
    public void close() {
        cut();
    }

    private void listen(int on) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), on));
            listener = socket;
            port = socket.getLocalPort();
            acceptor = Thread.ofVirtual().name("ws-relay-accept-" + port).start(() -> accept(socket));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + on, e);
        }
    }

    /**
     * Closes the listener and waits for its accepting thread to leave: a socket closed while a thread is blocked in
     * {@code accept} is released only when that thread returns, and until then the port cannot be bound again.
     */
    private void stopListening() {
        closeQuietly(listener);
        Thread thread = acceptor;
        if (thread != null) {
            try {
                if (!thread.join(Duration.ofSeconds(5))) {
                    throw new IllegalStateException("the relay's listener on " + port + " did not stop");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stopping the relay", e);
            }
        }
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                // The listener was closed by cut() or blackhole(): the loop ends.
                continue;
            }
            try {
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                Thread.ofVirtual().start(() -> pipe(client, server, false));
                Thread.ofVirtual().start(() -> pipe(server, client, true));
            } catch (IOException e) {
                // The server refused this one connection: the client sees it dropped, as on a real network.
                closeQuietly(client);
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean serverSide) {
        // No try-with-resources: closing a socket's stream closes the socket, and in a blackhole the far side
        // must not hear of it when the near side gives up.
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            if (serverSide) {
                relayServer(new DataInputStream(in), out);
            } else {
                relayRaw(in, out);
            }
        } catch (IOException e) {
            // A cut connection ends here; closing both sides below is the whole reaction.
        } finally {
            // After a blackhole the sockets stay open until restore(): an end that gave up must not be seen to.
            if (!blackholed) {
                closeQuietly(from);
                closeQuietly(to);
            }
        }
    }

    private void relayRaw(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            if (!blackholed) {
                out.write(buffer, 0, n);
                out.flush();
            }
        }
    }

    /** The upgrade answer as it is, then frame by frame, each passed whole or not at all. */
    private void relayServer(DataInputStream in, OutputStream out) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!endsWithBlankLine(head)) {
            head.write(in.readUnsignedByte());
        }
        if (!blackholed) {
            forward(out, head.toByteArray());
        }
        while (true) {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            int first = in.read();
            if (first < 0) {
                throw new EOFException("server closed");
            }
            int second = in.readUnsignedByte();
            frame.write(first);
            frame.write(second);
            long length = second & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
                frame.write((int) (length >> 8));
                frame.write((int) length & 0xFF);
            } else if (length == 127) {
                length = in.readLong();
                for (int shift = 56; shift >= 0; shift -= 8) {
                    frame.write((int) (length >> shift) & 0xFF);
                }
            }
            byte[] mask = new byte[(second & MASKED) != 0 ? 4 : 0];
            in.readFully(mask);
            frame.write(mask);
            byte[] payload = new byte[Math.toIntExact(length)];
            in.readFully(payload);
            frame.write(payload);
            if (blackholed) {
                continue;
            }
            // The filter sees exactly the frames that are passed on unless it drops them, so it can also count
            // what the client was sent. A blackhole that starts after this check lets the frame through: it was
            // on its way before the partition.
            boolean wholeText = (first & FIN) != 0 && (first & OPCODE) == TEXT && mask.length == 0;
            if (wholeText && dropServerText.test(new String(payload, StandardCharsets.UTF_8))) {
                continue;
            }
            forward(out, frame.toByteArray());
        }
    }

    private static void forward(OutputStream out, byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    private static boolean endsWithBlankLine(ByteArrayOutputStream head) {
        byte[] bytes = head.toByteArray();
        int n = bytes.length;
        return n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n';
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (Exception e) {
            // Closing something already broken: nothing more to do.
        }
    }
}
