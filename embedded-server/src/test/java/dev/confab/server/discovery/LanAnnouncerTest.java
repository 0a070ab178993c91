package dev.confab.server.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ServerFrame;
import dev.confab.protocol.lan.LanAnnouncement;
import dev.confab.server.ConfabServer;
import dev.confab.server.RunningServer;
import dev.confab.server.ServerConfig;
import dev.confab.server.Version;
import dev.confab.server.testing.TestClient;
import dev.confab.server.testing.TestServer;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server announcing on loopback and a real JmDNS browser on loopback: found, kept current, withdrawn.
 * The two-computer case (two network namespaces) is NetnsDiscoveryTest.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LanAnnouncerTest {
    @TempDir
    Path dir;

    @Test
    void serverIsFoundWithItsTxtRecordUpdatedWhenPeopleSignInAndGoneAfterItStops() throws Exception {
        String name = "Loopback room " + ProcessHandle.current().pid();
        ServerConfig config = TestServer.config(dir).name(name).announce(true).announceInterfaces(List.of("lo"))
                .build();
        try (TestBrowser browser = TestBrowser.on(InetAddress.getLoopbackAddress())) {
            RunningServer server = ConfabServer.start(config);
            try {
                server.announced().toCompletableFuture().get(20, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(3)).until(() -> browser.find(name).isPresent());
                assertThat(browser.find(name)).contains(
                        new LanAnnouncement(name, Version.current(), false, true, 0, "/ws"));
                assertThat(browser.port(name)).contains(server.port());

                TestClient alice = new TestClient(server.localUrl()).open();
                alice.next(ServerFrame.Hello.class);
                alice.send(new ClientFrame.Login("in", new ClientFrame.Credentials("alice", null)));
                alice.next(ServerFrame.Connected.class);
                await().atMost(Duration.ofSeconds(8))
                        .until(() -> browser.find(name).map(LanAnnouncement::online).orElse(-1) == 1);
                alice.closeBlocking();
            } finally {
                server.close();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.find(name).isEmpty());
        }
    }

    @Test
    void announcesNothingWhenNoInterfaceIsSuitableAndClosesQuietly() {
        LanAnnouncement announcement = new LanAnnouncement("nowhere", "1", false, true, 0, "/ws");
        try (LanAnnouncer announcer = LanAnnouncer.prepare(List::of, Duration.ZERO)) {
            announcer.announce(announcement, 7480, () -> 0, Duration.ofMillis(50));
            assertThat(announcer.addresses()).isEmpty();
        }
    }

    @Test
    void announcesOnAnInterfaceThatCameUpAndWithdrawsWhenItGoes() throws Exception {
        String name = "Coming and going " + ProcessHandle.current().pid();
        AtomicReference<List<InetAddress>> up = new AtomicReference<>(List.of());
        LanAnnouncement announcement = new LanAnnouncement(name, "1", false, true, 0, "/ws");
        List<InetAddress> loopback = InterfaceChoice.named(List.of("lo")).addresses();
        assertThat(loopback).as("the loopback interface's addresses").isNotEmpty();
        try (TestBrowser browser = TestBrowser.on(InetAddress.getLoopbackAddress());
             LanAnnouncer announcer = LanAnnouncer.prepare(up::get, Duration.ofMillis(200))) {
            announcer.announce(announcement, 7480, () -> 0, Duration.ofSeconds(2));
            announcer.announced().toCompletableFuture().get(20, TimeUnit.SECONDS);
            assertThat(announcer.addresses()).isEmpty();

            up.set(loopback);
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.find(name).isPresent());
            assertThat(announcer.addresses()).containsExactlyElementsOf(loopback);

            up.set(List.of());
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.find(name).isEmpty());
            assertThat(announcer.addresses()).isEmpty();
        }
    }

    @Test
    void loopbackIsChosenOnlyWhenNamed() {
        List<InterfaceChoice.Nic> nics = InterfaceChoice.current();
        assertThat(nics).as("this computer's interfaces").anyMatch(InterfaceChoice.Nic::loopback);
        List<InetAddress> lan = nics.stream().filter(InterfaceChoice.Nic::isLan)
                .flatMap(nic -> nic.ipv4().stream()).toList();
        assertThat(InterfaceChoice.suitable().addresses()).containsExactlyInAnyOrderElementsOf(lan)
                .noneMatch(InetAddress::isLoopbackAddress);
        assertThat(InterfaceChoice.named(List.of("lo")).addresses()).as("loopback, named")
                .isNotEmpty().allMatch(InetAddress::isLoopbackAddress);
    }
}
