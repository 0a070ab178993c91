package dev.confab.client.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP relay in front of a server, so one client's connection can be cut while everyone else stays
 * connected: {@link #cut()} drops its connections and stops listening, {@link #restore()} listens again on the
 * same port.
 */
public final class TcpRelay implements AutoCloseable {
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket listener;
    private int port;

    private TcpRelay(int target) {
        this.target = target;
    }

    /** Relays a free loopback port to {@code target} on loopback. */
    public static TcpRelay to(int target) {
        TcpRelay relay = new TcpRelay(target);
        relay.listen(0);
        return relay;
    }

    public int port() {
        return port;
    }

    /** Drops every relayed connection, as a pulled cable would, and refuses new ones until {@link #restore()}. */
    public void cut() {
        closeQuietly(listener);
        sockets.forEach(TcpRelay::closeQuietly);
        sockets.clear();
    }

    public void restore() {
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
            Thread.ofVirtual().name("relay-accept-" + port).start(() -> accept(socket));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + on, e);
        }
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(client);
                sockets.add(server);
                pipe(client, server);
                pipe(server, client);
            } catch (IOException e) {
                // The listener was closed by cut(), or one connection failed to open: that one is simply lost.
                if (!socket.isClosed()) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread.ofVirtual().start(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // A cut connection ends here; closing both sides below is the whole reaction.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
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
