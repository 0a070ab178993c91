package dev.confab.client.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.server.ConfabServer;
import dev.confab.server.RunningServer;
import dev.confab.server.ServerConfig;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The app's browser against a real announcing server, both on loopback. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JmdnsLanBrowserTest {
    @TempDir
    Path dir;

    @Test
    void findsAnAnnouncedServerWithItsAddressAndLosesItWhenItStops() throws Exception {
        String name = "Browser test " + ProcessHandle.current().pid();
        AtomicReference<LanBrowser.Snapshot> last = new AtomicReference<>(
                new LanBrowser.Snapshot(List.of(), false, ""));
        try (JmdnsLanBrowser browser = JmdnsLanBrowser.create(() -> List.of(InetAddress.getLoopbackAddress()),
                Duration.ofMillis(300))) {
            browser.start(last::set);
            ServerConfig config = ServerConfig.builder().name(name).host("127.0.0.1").port(0)
                    .dataDir(dir).announce(true).announceInterfaces(List.of("lo")).build();
            RunningServer server = ConfabServer.start(config);
            try {
                server.announced().toCompletableFuture().get(20, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(3)).until(() -> find(last.get(), name) != null);
                FoundServer found = find(last.get(), name);
                assertThat(found.address().display()).isEqualTo("127.0.0.1:" + server.port());
                assertThat(found.about().guests()).isTrue();
                assertThat(last.get().settled()).isTrue();
                assertThat(last.get().problem()).isEmpty();
            } finally {
                server.close();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> find(last.get(), name) == null);
        }
    }

    private static FoundServer find(LanBrowser.Snapshot snapshot, String name) {
        return snapshot.servers().stream().filter(s -> s.about().name().equals(name)).findFirst().orElse(null);
    }
}
