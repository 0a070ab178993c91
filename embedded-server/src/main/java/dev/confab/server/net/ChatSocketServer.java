package dev.confab.server.net;

import dev.confab.server.session.ChatService;
import dev.confab.server.session.Session;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.enums.ReadyState;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java-WebSocket server: turns its callbacks into calls on {@link ChatService}. Every callback is a boundary:
 * an exception escaping one would reach the library's fatal handler, which stops the whole server, so each
 * catches and closes only its own connection.
 */
final class ChatSocketServer extends WebSocketServer {
    private static final Logger LOG = LoggerFactory.getLogger(ChatSocketServer.class);

    private final ChatService chat;
    private final HandshakeGuard guard;
    private final BooleanSupplier accepting;
    private final ConnectionPolicy policy;
    private final CompletableFuture<InetSocketAddress> started = new CompletableFuture<>();

    ChatSocketServer(InetSocketAddress address, int decoders, Draft draft, ChatService chat, HandshakeGuard guard,
                     BooleanSupplier accepting, ConnectionPolicy policy) {
        super(address, decoders, List.of(draft));
        this.chat = chat;
        this.guard = guard;
        this.accepting = accepting;
        this.policy = policy;
        setWebSocketFactory(guard);
    }

    /** Completes with the bound address once the server listens, or exceptionally when it cannot. */
    CompletableFuture<InetSocketAddress> started() {
        return started;
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket connection, Draft draft,
            ClientHandshake request) throws InvalidDataException {
        ServerHandshakeBuilder response = super.onWebsocketHandshakeReceivedAsServer(connection, draft, request);
        if (!accepting.getAsBoolean()) {
            throw new InvalidDataException(CloseFrame.GOING_AWAY, "server is shutting down");
        }
        if (RequestTarget.of(request).isEmpty()) {
            LOG.debug("Refused an upgrade to {}", RequestTarget.redact(request.getResourceDescriptor()));
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "no WebSocket endpoint at this path");
        }
        var refusedOrigin = policy.refusedOrigin(request);
        if (refusedOrigin.isPresent()) {
            // Cross-site WebSocket hijacking: a page elsewhere using a visitor's browser. The value is logged
            // capped, since it is the client's text.
            LOG.info("Refused a connection from {}: {} ({})", connection.getRemoteSocketAddress(),
                    refusedOrigin.get(), capped(request.getFieldValue("Origin")));
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, refusedOrigin.get());
        }
        if (chat.connectionCount() >= policy.maxConnections()) {
            LOG.warn("Refused a connection: the server has its maximum of {} connections", policy.maxConnections());
            throw new InvalidDataException(CloseFrame.TRY_AGAIN_LATER, "server full");
        }
        if (!policy.reserve(connection)) {
            LOG.info("Refused a connection from {}: that address has its maximum of connections",
                    connection.getRemoteSocketAddress());
            throw new InvalidDataException(CloseFrame.TRY_AGAIN_LATER, "too many connections from this address");
        }
        return response;
    }

    /** Called for every closed connection, opened or not (unlike {@link #onClose}): gives back its slot. */
    @Override
    protected boolean removeConnection(WebSocket connection) {
        policy.release(connection);
        return super.removeConnection(connection);
    }

    @Override
    public void onOpen(WebSocket connection, ClientHandshake handshake) {
        try {
            RequestTarget target = RequestTarget.of(handshake).orElseThrow();
            Session session;
            // A client may leave while this runs: the end of its stream is closed on another thread, and a close
            // between the session's registration and its attachment found no session to clean up (it stayed
            // counted for ever). The library's closeConnection holds the connection's lock, so under that lock a
            // close is either over (the state says CLOSED: nothing to open) or comes after the attachment.
            synchronized (connection) {
                if (connection.getReadyState() == ReadyState.CLOSED) {
                    return;
                }
                session = chat.opened(connection, target);
                connection.setAttachment(session);
            }
            if (LOG.isDebugEnabled()) { // redacting runs a regex: not on every connect for a line nobody sees
                LOG.debug("Connection #{} from {} on {}", session.id(), connection.getRemoteSocketAddress(),
                        RequestTarget.redact(handshake.getResourceDescriptor()));
            }
        } catch (RuntimeException e) {
            failed(connection, "opening", e);
        }
    }

    @Override
    public void onMessage(WebSocket connection, String message) {
        withSession(connection, "a text frame", session -> chat.text(session, message));
    }

    @Override
    public void onMessage(WebSocket connection, ByteBuffer message) {
        withSession(connection, "a binary frame", chat::binary);
    }

    @Override
    public void onWebsocketPong(WebSocket connection, Framedata frame) {
        withSession(connection, "a pong", chat::heardFrom);
    }

    @Override
    public void onWebsocketPing(WebSocket connection, Framedata frame) {
        super.onWebsocketPing(connection, frame); // answers with a pong
        withSession(connection, "a ping", chat::heardFrom);
    }

    @Override
    public void onClose(WebSocket connection, int code, String reason, boolean remote) {
        withSession(connection, "closing", session -> {
            LOG.debug("Connection #{} closed: {} {}", session.id(), code, remote ? "by the client" : reason);
            chat.closed(session, code);
        });
    }

    @Override
    public void onError(@Nullable WebSocket connection, Exception e) {
        if (connection == null) {
            // The listening socket itself failed (e.g. the port is taken): the server cannot run.
            if (!started.completeExceptionally(e)) {
                LOG.error("The server's listening socket failed", e);
            }
            return;
        }
        LOG.warn("Connection error from {}: {}", connection.getRemoteSocketAddress(), e.toString());
    }

    @Override
    public void onStart() {
        started.complete(new InetSocketAddress(getAddress().getAddress(), getPort()));
    }

    private static String capped(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 100 ? printable : printable.substring(0, 100) + "…";
    }

    void sweepHandshakes() {
        guard.sweep();
    }

    /** Connections accepted and not yet upgraded; for tests. */
    int pendingHandshakes() {
        return guard.pendingCount();
    }

    private void withSession(WebSocket connection, String what, Consumer<Session> action) {
        try {
            Session session = connection.getAttachment();
            if (session != null) {
                action.accept(session);
            }
        } catch (RuntimeException e) {
            failed(connection, what, e);
        }
    }

    private static void failed(WebSocket connection, String what, RuntimeException e) {
        LOG.error("Handling {} from {} failed; closing that connection", what, connection.getRemoteSocketAddress(),
                e);
        connection.close(CloseFrame.UNEXPECTED_CONDITION, "internal server error");
    }
}
