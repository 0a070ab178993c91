package dev.confab.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.ConfabServer;
import dev.confab.server.NodeOptions;
import dev.confab.server.RunningServer;
import dev.confab.server.auth.PasswordPolicy;
import dev.confab.server.testing.ExternalProcesses;
import dev.confab.server.testing.Frames;
import dev.confab.server.testing.Http;
import dev.confab.server.testing.TestClient;
import dev.confab.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The admin port of a single node (embedded SQLite): metrics scraped over HTTP, and the health check. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AdminEndpointTest {
    @TempDir
    Path dir;
    private RunningServer server;
    private int adminPort;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void startWithAdminPort() {
        adminPort = ExternalProcesses.freePort();
        server = ConfabServer.start(TestServer.config(dir).adminPort(adminPort).build(), NodeOptions.defaults()
                .withAuth(auth -> auth.withPasswords(PasswordPolicy.defaults().withCost(64, 1, 1))));
    }

    @Test
    void healthIsOkWhileTheNodeServesAndUnknownPathsAre404() {
        startWithAdminPort();

        HttpResponse<String> health = Http.get(adminPort, "/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("ok\n");
        assertThat(Http.get(adminPort, "/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void metricsCountConnectionsMembersMessagesErrorsAndDurations() {
        startWithAdminPort();
        TestClient alice = connectGuest("alice");
        TestServer.join(alice, "general");
        TestClient bob = connectGuest("bob");
        TestServer.join(bob, "general");
        alice.send(Frames.send("general", "hi", "c1"));
        alice.await(ServerFrame.Message.class);
        bob.await(ServerFrame.Message.class);
        alice.send(Frames.send("elsewhere", "lost?", "c2"));
        alice.nextError(ErrorCode.NOT_IN_ROOM);

        String metrics = Http.get(adminPort, "/metrics").body();
        assertThat(metrics).contains("confab_connections 2.0", "confab_members 2.0", "confab_rooms 1.0",
                "confab_messages_in_total 1.0", "confab_messages_out_total 2.0",
                "confab_errors_total{code=\"not_in_room\"} 1.0", "confab_history_write_seconds_count 1");

        bob.close();
        // The close is counted by its code: 1000 when the server read bob's close frame, 1006 when the socket's end
        // overtook it (seen once in CI); either way one close.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Http.get(adminPort, "/metrics").body())
                .contains("confab_connection_duration_seconds_count 1", "confab_connections 1.0")
                .containsPattern("confab_connections_closed_total\\{code=\"(1000|1006)\"} 1\\.0"));
    }

    @Test
    void theAdminPortIsOffUnlessAsked() {
        server = ConfabServer.start(TestServer.config(dir).build());
        assertThat(server.config().deployment().adminEnabled()).isFalse();
    }

    private TestClient connectGuest(String name) {
        TestClient client = new TestClient(URI.create("ws://127.0.0.1:" + server.port() + "/ws")).open();
        client.next(ServerFrame.Hello.class);
        client.send(new ClientFrame.Login("in", new ClientFrame.Credentials(name, null)));
        client.next(ServerFrame.Connected.class);
        return client;
    }
}
