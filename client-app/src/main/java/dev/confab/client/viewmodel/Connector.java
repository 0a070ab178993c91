package dev.confab.client.viewmodel;

import dev.confab.client.discovery.Finding;
import dev.confab.client.discovery.LanBrowser;
import dev.confab.client.net.ServerAddress;
import dev.confab.client.session.ChatSession;
import dev.confab.client.session.SessionEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** How the screens reach servers; implemented by the composition root, faked in tests. */
public interface Connector {
    /** Starts hosting a room (named after {@code owner}) on this computer; completes off the FX thread. */
    CompletableFuture<HostedRoom> host(String owner);

    /**
     * Opens a session to {@code address}, not yet started, presenting the stored token if there is one. Its events
     * reach {@code target} in batches on the FX thread.
     */
    ChatSession open(ServerAddress address, Consumer<List<SessionEvent>> target);

    /** Whether a token is stored for {@code address}. */
    boolean hasToken(ServerAddress address);

    /** Ends the current session and stops hosting. */
    void shutdown();

    /** Watches the local network for servers; by default finds nothing (discovery off). */
    default LanBrowser lanBrowser() {
        return LanBrowser.none();
    }

    /** Why the network shows no server; blocking, call it off the FX thread. By default finds nothing. */
    default List<Finding> checkNetwork(String browserProblem) {
        return List.of();
    }
}
