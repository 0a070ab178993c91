package dev.confab.server.testing;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.Framedata;

/**
 * A {@link WebSocket} without a network, for feeding a session frames in-process (fuzzing): it records every text
 * the server sends and the first close code.
 */
public final class FakeConnection {
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 40_000);

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger closeCode = new AtomicInteger();
    private final WebSocket socket;

    private FakeConnection() {
        this.socket = (WebSocket) Proxy.newProxyInstance(WebSocket.class.getClassLoader(),
                new Class<?>[] {WebSocket.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "send" -> {
                        if (args[0] instanceof String text) {
                            sent.add(text);
                        }
                        yield null;
                    }
                    case "sendFrame" -> {
                        if (args[0] instanceof Framedata frame) {
                            sent.add(StandardCharsets.UTF_8.decode(frame.getPayloadData()).toString());
                        }
                        yield null;
                    }
                    case "close", "closeConnection" -> {
                        closeCode.compareAndSet(0, args != null && args.length > 0 && args[0] instanceof Integer code
                                ? code : 1000);
                        yield null;
                    }
                    case "isOpen" -> closeCode.get() == 0;
                    case "isClosed", "isClosing" -> closeCode.get() != 0;
                    case "getRemoteSocketAddress", "getLocalSocketAddress" -> PEER;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "FakeConnection";
                    case "hasBufferedData", "isFlushAndClose", "hasSSLSupport" -> false;
                    default -> null;
                });
    }

    public static FakeConnection create() {
        return new FakeConnection();
    }

    public WebSocket socket() {
        return socket;
    }

    /** Every text sent to the client so far, in order. */
    public List<String> sent() {
        return List.copyOf(sent);
    }

    /** The close code, 0 while open. */
    public int closeCode() {
        return closeCode.get();
    }
}
