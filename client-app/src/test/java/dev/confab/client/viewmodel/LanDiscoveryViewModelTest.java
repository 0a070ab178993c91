package dev.confab.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.discovery.Finding;
import dev.confab.client.discovery.FoundServer;
import dev.confab.client.net.ServerAddress;
import dev.confab.client.settings.Settings;
import dev.confab.client.testing.TestFrames;
import dev.confab.protocol.lan.LanAnnouncement;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The start screen's "Found on your network", its network check and invite links, over a fake browser. */
@Timeout(10)
class LanDiscoveryViewModelTest {
    @TempDir
    Path dir;
    private final Clock clock = Clock.fixed(TestFrames.T0, ZoneOffset.UTC);
    private ViewModelFixtures.FakeConnector connector;
    private Settings settings;
    private AppViewModel app;

    @BeforeEach
    void create() {
        connector = new ViewModelFixtures.FakeConnector(dir, clock);
        settings = Settings.load(dir.resolve("settings.properties"));
        app = AppViewModel.create(connector, new ViewModelFixtures.RecordingDesktop(), settings, Runnable::run,
                Runnable::run, clock, "Dana Smith");
        app.launch(false);
    }

    @AfterEach
    void stop() {
        app.shutdown();
    }

    private static FoundServer server(String name, String address, int online, boolean guests) {
        return new FoundServer(ServerAddress.parse(address).orElseThrow(),
                new LanAnnouncement(name, "0.1.0", false, guests, online, "/ws"));
    }

    @Test
    void listsFoundServersLiveWithHowManyAreOnline() {
        StartViewModel start = app.start();
        assertThat(start.searchingProperty().get()).isTrue();
        connector.lan.push(List.of(server("Dana's room", "192.168.1.20:7480", 3, true)), false);
        assertThat(start.found()).containsExactly(
                new FoundItem("Dana's room", "192.168.1.20:7480", "3 online · guests welcome"));
        assertThat(start.searchingProperty().get()).isFalse();

        connector.lan.push(List.of(server("Dana's room", "192.168.1.20:7480", 4, true),
                server("build-server", "192.168.1.7:7480", 12, false)), true);
        assertThat(start.found()).extracting(FoundItem::detail).containsExactly("4 online · guests welcome",
                "12 online");
        assertThat(start.nothingFoundProperty().get()).isFalse();
        assertThat(connector.networkChecks).isZero();
    }

    @Test
    void joinsAFoundServerWithOneClick() {
        connector.lan.push(List.of(server("Dana's room", "192.168.1.20:7480", 3, true)), true);
        app.start().joinFound(app.start().found().getFirst());
        assertThat(connector.transport.connects).isEqualTo(1);
        assertThat(app.start().addressProperty().get()).isEqualTo("192.168.1.20:7480");
        connector.session.onFrame(TestFrames.hello(true, true));
        connector.session.onFrame(TestFrames.connected("Dana_Smith"));
        assertThat(app.screenProperty().get()).isEqualTo(AppViewModel.Screen.CHAT);
    }

    @Test
    void showsTheNetworkCheckOnlyWhenTheSearchSettlesEmpty() {
        connector.findings = List.of(new Finding.VpnOnly(List.of("wg0")));
        connector.lan.push(List.of(), false);
        assertThat(app.start().nothingFoundProperty().get()).isFalse();
        assertThat(connector.networkChecks).isZero();

        connector.lan.push(List.of(), true);
        assertThat(app.start().nothingFoundProperty().get()).isTrue();
        assertThat(app.start().networkCheck()).extracting(CheckItem::title)
                .containsExactly("Only a VPN is connected (wg0)");
        connector.lan.push(List.of(), true);
        assertThat(connector.networkChecks).as("checked once per empty spell").isEqualTo(1);

        connector.findings = List.of(new Finding.FirewallMayBlock(7480));
        app.start().checkNetworkAgain();
        assertThat(app.start().networkCheck()).extracting(CheckItem::advice).singleElement().asString()
                .contains("UDP port 5353", "TCP port 7480");

        connector.lan.push(List.of(server("Dana's room", "192.168.1.20:7480", 1, true)), true);
        assertThat(app.start().nothingFoundProperty().get()).isFalse();
    }

    @Test
    void everyFindingHasWords() {
        for (Finding finding : List.of(new Finding.Offline(), new Finding.VpnOnly(List.of("tun0")),
                new Finding.NoMulticast(List.of("eth0")), new Finding.CannotListen("in use"),
                new Finding.FirewallMayBlock(7480), new Finding.OnlyTheseSubnets(List.of("10.0.0.0/24")))) {
            CheckItem item = NetworkAdvice.of(finding);
            assertThat(item.title()).isNotBlank().doesNotContain("{");
            assertThat(item.advice()).isNotBlank().doesNotContain("{");
        }
    }

    @Test
    void anInviteGoesStraightIntoItsRoom() {
        app.openInvite("confab://10.0.0.5:7490/builds");
        assertThat(connector.transport.connects).isEqualTo(1);
        assertThat(settings.rooms("10.0.0.5:7490")).contains("builds");
        assertThat(settings.lastRoom("10.0.0.5:7490")).contains("builds");
        connector.session.onFrame(TestFrames.hello(true, true));
        connector.session.onFrame(TestFrames.connected("Dana_Smith"));
        assertThat(app.screenProperty().get()).isEqualTo(AppViewModel.Screen.CHAT);
    }

    @Test
    void aBadInviteStaysOnTheStartScreenWithTheReason() {
        app.openInvite("confab://10.0.0.5:7490/No Such Room");
        assertThat(connector.transport.connects).isZero();
        assertThat(app.start().errorProperty().get()).startsWith("That invite link doesn't work");
        assertThat(app.screenProperty().get()).isEqualTo(AppViewModel.Screen.START);
    }

    @Test
    void stopsLookingWhenTheAppCloses() {
        app.shutdown();
        assertThat(connector.lan.closed).isTrue();
    }
}
