package dev.confab.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.net.DropReason;
import dev.confab.client.net.ServerAddress;
import dev.confab.client.settings.Settings;
import dev.confab.client.settings.StartMode;
import dev.confab.client.testing.TestFrames;
import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.ServerFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class AppViewModelTest {
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
    }

    @AfterEach
    void stop() {
        app.shutdown();
    }

    @Test
    void displayNameIsPrefilledFromTheOsUserName() {
        assertThat(app.start().displayNameProperty().get()).isEqualTo("Dana_Smith");
        assertThat(AppViewModel.suggestName("x")).isEmpty();
    }

    @Test
    void aSettingsFileThatCannotBeWrittenIsANoticeNotACrash() throws Exception {
        // Settings are rewritten through settings.properties.tmp: a non-empty directory there makes writes fail.
        Files.createDirectories(dir.resolve("settings.properties.tmp").resolve("in-the-way"));
        app.start().addressProperty().set("10.0.0.5");
        app.start().join();
        connector.session.onFrame(TestFrames.hello(true, true));
        connector.session.onFrame(TestFrames.connected("Dana_Smith"));

        assertThat(app.screenProperty().get()).isEqualTo(AppViewModel.Screen.CHAT);
        assertThat(app.noticeProperty().get()).isEqualTo(Texts.get("settings.writeFailed"));
        // Not saved, but it holds for this run.
        assertThat(settings.lastServer()).contains("10.0.0.5:7480");
        assertThat(Files.exists(dir.resolve("settings.properties"))).isFalse();
        app.dismissNotice();
        assertThat(app.noticeProperty().get()).isEmpty();
    }

    @Test
    void joiningAServerThatAllowsGuestsGoesStraightIn() {
        app.start().addressProperty().set("10.0.0.5");
        app.start().join();
        assertThat(app.start().busyProperty().get()).isTrue();
        assertThat(connector.transport.connects).isEqualTo(1);
        connector.session.onFrame(TestFrames.hello(true, true));
        ClientFrame.Login login = connector.transport.sentOf(ClientFrame.Login.class).getFirst();
        assertThat(login.data().username()).isEqualTo("Dana_Smith");
        assertThat(login.guest()).isTrue();
        connector.session.onFrame(TestFrames.connected("Dana_Smith"));
        assertThat(app.screenProperty().get()).isEqualTo(AppViewModel.Screen.CHAT);
        assertThat(settings.lastServer()).contains("10.0.0.5:7480");
        assertThat(settings.startMode()).isEqualTo(StartMode.JOIN);
        assertThat(settings.recentServers()).containsExactly("10.0.0.5:7480");
    }

    @Test
    void aTakenGuestNameShowsTheSignInFormWithTheReason() {
        app.start().addressProperty().set("10.0.0.5:7481");
        app.start().join();
        connector.session.onFrame(TestFrames.hello(true, true));
        connector.session.onFrame(new ServerFrame.ErrorFrame(null, "auth", TestFrames.T0,
                new ServerFrame.Problem(ErrorCode.USERNAME_TAKEN, "taken")));
        assertThat(app.start().pageProperty().get()).isEqualTo(StartViewModel.Page.SIGN_IN);
        assertThat(app.start().errorProperty().get()).isEqualTo("That name is taken");
        assertThat(app.start().guestsAllowedProperty().get()).isTrue();
    }

    @Test
    void wrongPasswordIsSaidInWords() {
        app.start().addressProperty().set("10.0.0.5");
        app.start().join();
        connector.session.onFrame(TestFrames.hello(false, true));
        assertThat(app.start().pageProperty().get()).isEqualTo(StartViewModel.Page.SIGN_IN);
        app.start().usernameProperty().set("alice");
        app.start().passwordProperty().set("secret-1");
        app.start().submit();
        assertThat(connector.transport.sentOf(ClientFrame.Login.class)).singleElement()
                .satisfies(login -> assertThat(login.data().password()).isEqualTo("secret-1"));
        connector.session.onFrame(new ServerFrame.ErrorFrame(null, "auth", TestFrames.T0,
                new ServerFrame.Problem(ErrorCode.AUTH_FAILED, "nope")));
        assertThat(app.start().errorProperty().get()).isEqualTo("Wrong password");
        assertThat(app.start().busyProperty().get()).isFalse();
    }

    @Test
    void anUnreachableHostIsSaidInWords() {
        app.start().addressProperty().set("10.0.0.5");
        app.start().join();
        connector.session.onDropped(DropReason.UNREACHABLE);
        assertThat(app.start().errorProperty().get()).isEqualTo(
                "No Confab server answered at 10.0.0.5:7480 — is the host running, and on the same network?");
        assertThat(app.start().busyProperty().get()).isFalse();
    }

    @Test
    void somethingThatIsNotConfabIsSaidInWords() {
        app.start().addressProperty().set("example.com:80");
        app.start().join();
        connector.session.onDropped(DropReason.NOT_CONFAB);
        assertThat(app.start().errorProperty().get()).contains("isn't a Confab server");
    }

    @Test
    void aBadAddressOrNameIsRefusedBeforeConnecting() {
        app.start().addressProperty().set("not an address");
        app.start().join();
        assertThat(app.start().errorProperty().get()).startsWith("That doesn't look like a server address");
        app.start().displayNameProperty().set("a");
        app.start().addressProperty().set("10.0.0.5");
        app.start().join();
        assertThat(app.start().errorProperty().get()).startsWith("Pick a name");
        assertThat(connector.transport.connects).isZero();
    }

    @Test
    void hostingConnectsToTheLocalServerAndShowsTheLanAddresses() {
        app.start().host();
        assertThat(app.start().busyTextProperty().get()).isEqualTo("Starting your room…");
        connector.hostResult.complete(new HostedRoom(ServerAddress.of("127.0.0.1", 7480),
                List.of("192.168.1.20:7480")));
        connector.session.onFrame(TestFrames.hello(true, true));
        connector.session.onFrame(TestFrames.connected("Dana_Smith"));
        assertThat(app.screenProperty().get()).isEqualTo(AppViewModel.Screen.CHAT);
        assertThat(app.chatProperty().get().hostAddresses()).containsExactly("192.168.1.20:7480");
        assertThat(settings.startMode()).isEqualTo(StartMode.HOST);
    }

    @Test
    void theNextStartGoesStraightBackIntoTheChatWithTheStoredToken() {
        settings.lastServer("10.0.0.5:7480");
        settings.startMode(StartMode.JOIN);
        connector.token = true;
        app.launch(false);
        assertThat(app.screenProperty().get()).isEqualTo(AppViewModel.Screen.CHAT);
        assertThat(connector.transport.connects).isEqualTo(1);
    }

    @Test
    void aRejectedTokenAsksToSignInAgain() {
        settings.lastServer("10.0.0.5:7480");
        settings.startMode(StartMode.JOIN);
        connector.token = true;
        app.launch(false);
        connector.session.onDropped(DropReason.AUTH_REJECTED);
        assertThat(app.screenProperty().get()).isEqualTo(AppViewModel.Screen.START);
        assertThat(app.start().pageProperty().get()).isEqualTo(StartViewModel.Page.SIGN_IN);
        assertThat(app.start().errorProperty().get()).isEqualTo("Please sign in again.");
        // The session asks the server again without the token; its hello fills in the choices, no silent guest.
        assertThat(connector.transport.connects).isEqualTo(2);
        connector.session.onFrame(TestFrames.hello(true, true));
        assertThat(connector.transport.sentOf(ClientFrame.Login.class)).isEmpty();
        assertThat(app.start().guestsAllowedProperty().get()).isTrue();
        assertThat(app.start().errorProperty().get()).isEqualTo("Please sign in again.");
    }
}
