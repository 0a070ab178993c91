package dev.confab.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands an invite link opened while the app runs to the app that runs, instead of starting a second one. The
 * running app listens on a Unix domain socket in the user's data directory; a launch with a link first offers
 * it there and exits when it was taken. Best effort: where the socket cannot be made, links open a new window.
 */
final class LinkHandoff implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LinkHandoff.class);
    /** Longer lines are not links. */
    private static final int MAX_LINE = 4096;
    static final String TAKEN = "ok";

    private final ServerSocketChannel server;
    private final Path socket;

    private LinkHandoff(ServerSocketChannel server, Path socket) {
        this.server = server;
        this.socket = socket;
    }

    /** Offers {@code link} to an app listening on {@code socket}; true when it took it. */
    static boolean handOver(Path socket, String link) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            OutputStream out = Channels.newOutputStream(channel);
            out.write((link.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                    StandardCharsets.UTF_8));
            return TAKEN.equals(in.readLine());
        } catch (IOException | RuntimeException e) {
            return false; // nobody listens (a stale socket file): this launch opens the link itself
        }
    }

    /** Listens on {@code socket} for links of later launches; empty when the socket cannot be made. */
    static Optional<LinkHandoff> listen(Path socket, Consumer<String> onLink) {
        try {
            Files.createDirectories(socket.getParent());
            Files.deleteIfExists(socket); // left by an app that did not stop cleanly; a live one answered already
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            LinkHandoff handoff = new LinkHandoff(server, socket);
            Thread thread = new Thread(() -> handoff.serve(onLink), "confab-links");
            thread.setDaemon(true);
            thread.start();
            return Optional.of(handoff);
        } catch (IOException | RuntimeException e) {
            LOG.info("Links opened later will start another window: cannot listen on {} ({})", socket, e.toString());
            return Optional.empty();
        }
    }

    private void serve(Consumer<String> onLink) {
        while (server.isOpen()) {
            try (SocketChannel channel = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                        StandardCharsets.UTF_8), MAX_LINE);
                String line = in.readLine();
                OutputStream out = Channels.newOutputStream(channel);
                if (line != null && line.length() <= MAX_LINE && Launcher.isInvite(line.strip())) {
                    onLink.accept(line.strip());
                    out.write((TAKEN + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } else {
                    out.write("no\n".getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException | RuntimeException e) {
                if (server.isOpen()) {
                    // One bad caller must not stop the listening.
                    LOG.debug("A link hand-over failed: {}", e.toString());
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.debug("Closing the link socket failed: {}", e.toString());
        }
    }
}
