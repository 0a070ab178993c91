package dev.confab.server.testing;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.Decoded;
import dev.confab.protocol.FrameCodec;
import dev.confab.protocol.ServerFrame;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.handshake.ServerHandshake;

/**
 * A guest that signs in on {@code /ws/<room>} and sends messages without waiting for each echo (at most
 * {@code window} unacknowledged), recording every acknowledgement (its own echo: client id → seq) and counting
 * how often each client id was echoed. Stops sending when the connection is lost.
 */
public final class PipelinedSender extends WebSocketClient {
    private static final FrameCodec CODEC = FrameCodec.forClient();

    private final String name;
    private final Map<String, Long> acknowledged;
    private final Map<String, Integer> echoes;
    private final Semaphore window;
    private final CompletableFuture<Void> joined = new CompletableFuture<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();

    public PipelinedSender(URI server, String room, String name, int window, Map<String, Long> acknowledged,
                           Map<String, Integer> echoes) {
        super(URI.create(server + "/ws/" + room));
        this.name = name;
        this.acknowledged = acknowledged;
        this.echoes = echoes;
        this.window = new Semaphore(window);
    }

    public static Map<String, Long> newAckMap() {
        return new ConcurrentHashMap<>();
    }

    /** Connects, signs in, waits for the room; then sends each client id's message in order. */
    public void sendAll(List<String> clientIds, String room) throws InterruptedException {
        if (!connectBlocking(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " could not connect");
        }
        send(CODEC.encode(new ClientFrame.Login("in", new ClientFrame.Credentials(name, null))));
        joined.orTimeout(10, TimeUnit.SECONDS).join();
        for (String clientId : clientIds) {
            while (!window.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                if (closed.isDone()) {
                    return;
                }
            }
            try {
                send(CODEC.encode(Frames.send(room, "message " + clientId, clientId)));
            } catch (WebsocketNotConnectedException e) {
                return;
            }
        }
    }

    /** Error frames and undecodable frames received; a test expects none. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Waits for the connection to be lost (after the server was killed). */
    public int awaitClosed() {
        return closed.orTimeout(30, TimeUnit.SECONDS).join();
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
    }

    @Override
    public void onMessage(String text) {
        if (!(CODEC.decodeServer(text) instanceof Decoded.Ok<ServerFrame> ok)) {
            problems.add("undecodable frame " + text);
            return;
        }
        switch (ok.frame()) {
            case ServerFrame.JoinedRoom ignored -> joined.complete(null);
            case ServerFrame.Message message when name.equals(message.data().username())
                    && message.data().clientId() != null -> {
                acknowledged.put(message.data().clientId(), message.data().seq());
                echoes.merge(message.data().clientId(), 1, Integer::sum);
                window.release();
            }
            case ServerFrame.ErrorFrame error -> problems.add(name + " got " + error);
            default -> {
                // Others' messages, presence: not this sender's business.
            }
        }
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closed.complete(code);
        window.release(Integer.MAX_VALUE / 2);
    }

    @Override
    public void onError(Exception ex) {
    }
}
