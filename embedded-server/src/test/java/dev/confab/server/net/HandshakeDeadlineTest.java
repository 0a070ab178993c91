package dev.confab.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.server.ServerConfig;
import dev.confab.server.auth.AuthConfig;
import dev.confab.server.auth.DefaultAuthenticator;
import dev.confab.server.auth.PasswordPolicy;
import dev.confab.server.bus.InProcessMessageBus;
import dev.confab.server.session.ChatService;
import dev.confab.server.store.DataDirectory;
import dev.confab.server.store.sqlite.SqliteMessageStore;
import dev.confab.server.store.sqlite.StoreConfig;
import dev.confab.server.testing.SteppableClock;
import dev.confab.server.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The handshake deadline is elapsed time, not wall time: in a benchmark run the system clock stepped about 12 s
 * ahead during a connect storm and the next sweep cut connections whose upgrade was on its way ("no WebSocket
 * upgrade within 10000 ms" a moment after they were accepted). The transport is given a wall clock it could step.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HandshakeDeadlineTest {
    private static final String UPGRADE = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

    @TempDir
    Path dir;

    private final SteppableClock wall = new SteppableClock();
    private SqliteMessageStore store;
    private ChatService chat;
    private Transport transport;

    @AfterEach
    void close() throws InterruptedException {
        if (transport != null) {
            transport.stop(1000);
        }
        if (chat != null) {
            chat.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aWallClockStepDoesNotCutAnUpgradeOnItsWay() throws IOException {
        start(Duration.ofSeconds(10));
        try (Socket socket = accepted()) {
            wall.step(Duration.ofHours(1));
            transport.sweepHandshakes();

            socket.getOutputStream().write(UPGRADE.getBytes(StandardCharsets.US_ASCII));
            assertThat(head(socket.getInputStream())).startsWith("HTTP/1.1 101");
        }
    }

    @Test
    void theHandshakeDeadlineStillCutsOnceItsTimeHasPassed() throws IOException {
        start(Duration.ofMillis(200));
        try (Socket socket = accepted()) {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
                transport.sweepHandshakes();
                return transport.pendingHandshakes() == 0;
            });
            assertThat(socket.getInputStream().read()).as("end of stream").isEqualTo(-1);
        }
    }

    private void start(Duration handshakeTimeout) {
        ServerConfig config = TestServer.config(dir).handshakeTimeout(handshakeTimeout).build();
        store = SqliteMessageStore.open(DataDirectory.create(dir), StoreConfig.defaults(), wall);
        AuthConfig auth = AuthConfig.defaults().withPasswords(PasswordPolicy.defaults().withCost(64, 1, 1));
        chat = ChatService.create(config, store, DefaultAuthenticator.create(store.accounts(),
                dir.resolve("token.key"), auth, wall), InProcessMessageBus.create(), wall, "test");
        transport = Transport.start(config, chat, wall, () -> true);
    }

    /** A socket the server has accepted (so its deadline runs) that has not sent its upgrade yet. */
    private Socket accepted() throws IOException {
        Socket socket = new Socket("127.0.0.1", transport.address().getPort());
        socket.setSoTimeout(10_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> transport.pendingHandshakes() == 1);
        return socket;
    }

    private static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head + "<end of stream>";
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
