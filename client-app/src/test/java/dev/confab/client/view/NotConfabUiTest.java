package dev.confab.client.view;

import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.confab.client.host.EmbeddedRoomHost;
import dev.confab.client.host.RoomHost;
import dev.confab.client.testing.AppUnderTest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/** Joining something real that is not Confab: a web server, another WebSocket service. The app says so. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class NotConfabUiTest {
    private static final RoomHost LOOPBACK = EmbeddedRoomHost.create("127.0.0.1", b -> b);

    @TempDir
    Path dir;
    private AppUnderTest app;
    private HttpServer http;
    private WebSocketServer other;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws InterruptedException {
        if (app != null) {
            app.close();
        }
        if (http != null) {
            http.stop(0);
        }
        if (other != null) {
            other.stop(1000);
        }
    }

    @Test
    void aWebServerIsNotAConfabServer() throws Exception {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            byte[] page = "<html><body>Printer status: ready</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        http.start();
        joinAndExpectNotConfab(http.getAddress().getPort());
    }

    @Test
    void anotherWebSocketServiceIsNotAConfabServer() throws Exception {
        other = new WebSocketServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)) {
            @Override
            public void onOpen(WebSocket conn, ClientHandshake handshake) {
                conn.send("Welcome to the stock ticker. Type a symbol.");
            }

            @Override
            public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            }

            @Override
            public void onMessage(WebSocket conn, String message) {
                conn.send("unknown symbol");
            }

            @Override
            public void onError(WebSocket conn, Exception ex) {
                throw new AssertionError("the stand-in service failed", ex);
            }

            @Override
            public void onStart() {
            }
        };
        other.setReuseAddr(true);
        other.start();
        await().atMost(AppUnderTest.WAIT).until(() -> other.getPort() > 0);
        joinAndExpectNotConfab(other.getPort());
    }

    private void joinAndExpectNotConfab(int port) {
        app = AppUnderTest.open(dir.resolve("dana"), LOOPBACK, s -> s.displayName("dana"));
        app.typeInto("#address", "127.0.0.1:" + port).press(KeyCode.ENTER);
        await().atMost(AppUnderTest.WAIT).until(() -> app.text("#start-error").equals(
                "Something answered at 127.0.0.1:" + port + ", but it isn't a Confab server."));
    }
}
