package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.confab.protocol.ServerFrame;
import dev.confab.server.testing.TestClient;
import dev.confab.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Rows S11–S13 (browser origins) and P6 (connections from one address), over real connections. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OriginAndAddressTest {
    @TempDir
    Path dir;

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void refusesOriginsNotOnTheAllowlistAndLookalikes() throws Exception {
        server = TestServer.start(dir, b -> b.allowedOrigins(Set.of("https://chat.example.com")));
        for (String origin : new String[] {"https://evil.example", "null", "https://chat.example.com.evil.com",
                "https://evil-chat.example.com", "http://chat.example.com", "https://chat.example.com:8443",
                "https://chat.example.com/path", "", "https://user@chat.example.com"}) {
            assertThat(upgrades(Map.of("Origin", origin))).as(origin).isFalse();
        }
    }

    @Test
    void acceptsAnAllowedOriginAfterNormalisation() throws Exception {
        server = TestServer.start(dir, b -> b.allowedOrigins(Set.of("https://Chat.Example.com:443")));
        for (String origin : new String[] {"https://chat.example.com", "HTTPS://CHAT.EXAMPLE.COM",
                "https://chat.example.com:443"}) {
            assertThat(upgrades(Map.of("Origin", origin))).as(origin).isTrue();
        }
    }

    @Test
    void aConnectionWithoutOriginIsAcceptedEvenWithAnAllowlist() {
        server = TestServer.start(dir, b -> b.allowedOrigins(Set.of("https://chat.example.com")));
        TestClient desktop = server.connect();
        assertThat(desktop.next()).isInstanceOf(ServerFrame.Hello.class);
    }

    @Test
    void withoutAnAllowlistEveryBrowserOriginIsRefused() throws Exception {
        server = TestServer.start(dir);
        assertThat(upgrades(Map.of("Origin", "http://127.0.0.1:" + server.server().port()))).isFalse();
        assertThat(upgrades(Map.of())).isTrue();
    }

    @Test
    void anAllowlistEntryThatIsNotAnOriginIsRefusedAtStart() {
        assertThatThrownBy(() -> TestServer.config(dir).allowedOrigins(Set.of("chat.example.com")).build())
                .hasMessageContaining("not an origin");
        assertThatThrownBy(() -> TestServer.config(dir).allowedOrigins(Set.of("https://x.example/app")).build())
                .hasMessageContaining("not an origin");
    }

    @Test
    void capsConnectionsFromOneAddressAndGivesSlotsBackOnClose() throws Exception {
        server = TestServer.start(dir, b -> b.maxConnectionsPerAddress(3).capLoopback(true));
        TestClient first = server.connect();
        server.connect();
        server.connect();
        assertThat(upgrades(Map.of())).as("fourth from the same address").isFalse();
        first.closeBlocking();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.server().connectionCount() == 2);
        assertThat(upgrades(Map.of())).as("a slot came back").isTrue();
    }

    @Test
    void refusedUpgradesDoNotUseUpSlots() throws Exception {
        server = TestServer.start(dir, b -> b.maxConnectionsPerAddress(2).capLoopback(true));
        for (int i = 0; i < 5; i++) {
            assertThat(upgrades(Map.of("Origin", "https://evil.example"))).isFalse();
        }
        server.connect();
        server.connect();
        assertThat(upgrades(Map.of())).isFalse();
    }

    @Test
    void loopbackIsNotCappedUnlessAsked() throws Exception {
        server = TestServer.start(dir, b -> b.maxConnectionsPerAddress(1));
        server.connect();
        server.connect();
        // Both upgrades succeeded (connect() requires it); the server counts them once its open callbacks ran.
        await().atMost(Duration.ofSeconds(5)).until(() -> server.server().connectionCount() == 2);
    }

    /** Opens a connection and reports whether the upgrade succeeded; closes it either way. */
    private boolean upgrades(Map<String, String> headers) throws InterruptedException {
        TestClient client = server.track(new TestClient(server.uri("/ws"), headers));
        boolean open = client.connectBlocking(TestClient.WAIT_SECONDS, TimeUnit.SECONDS);
        if (open) {
            client.closeBlocking();
        }
        return open;
    }
}
