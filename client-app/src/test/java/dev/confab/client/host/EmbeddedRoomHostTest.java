package dev.confab.client.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The app hosts with the embedded server alone: the scale-out libraries of the standalone server (the PostgreSQL
 * store, the Redis bus, the admin endpoint's metrics, the command line) are not on the app's class path, as they
 * are not in its installers, and hosting a room must never need them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmbeddedRoomHostTest {
    /** One class of each library the desktop app leaves out (embedded-server's optional dependencies). */
    private static final List<String> LEFT_OUT = List.of("io.lettuce.core.RedisClient", "io.netty.channel.Channel",
            "reactor.core.publisher.Flux", "org.postgresql.Driver", "com.zaxxer.hikari.HikariDataSource",
            "io.prometheus.metrics.core.metrics.Counter", "picocli.CommandLine");

    @Test
    void theAppsClassPathHasNoScaleOutLibrary() {
        for (String name : LEFT_OUT) {
            assertThatThrownBy(() -> Class.forName(name, false, EmbeddedRoomHostTest.class.getClassLoader()))
                    .as(name).isInstanceOf(ClassNotFoundException.class);
        }
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void hostsARoomWithoutThem(boolean tls, @TempDir Path dataDir) throws Exception {
        // Port 0: a free one. A verifier that needed a left-out class (a catch of a Lettuce exception in the
        // node's assembly did once) fails the start with NoClassDefFoundError.
        try (RoomHost.Hosted hosted = EmbeddedRoomHost.create("127.0.0.1", builder -> builder)
                .start("Lobby", dataDir, 0, tls)) {
            assertThat(hosted.port()).isPositive();
            assertThat(hosted.certificateFingerprint().isPresent()).isEqualTo(tls);
            if (!tls) {
                assertThat(firstFrame(URI.create("ws://127.0.0.1:" + hosted.port() + "/ws")))
                        .contains("\"type\":\"hello\"", "\"name\":\"Lobby\"");
            }
        }
    }

    private static String firstFrame(URI uri) throws Exception {
        CompletableFuture<String> first = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            first.complete(text.toString());
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        String frame = first.get(10, TimeUnit.SECONDS);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        return frame;
    }
}
