package dev.confab.client.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.client.host.EmbeddedRoomHost;
import dev.confab.client.host.RoomHost;
import dev.confab.client.net.ServerAddress;
import dev.confab.client.settings.AppPaths;
import dev.confab.client.settings.StartMode;
import dev.confab.client.settings.TokenStore;
import dev.confab.client.testing.AppUnderTest;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/** Accounts and names against the real server's rules, with the reasons in words. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SignInUiTest {
    @TempDir
    Path dir;
    private RoomHost.Hosted server;
    private AppUnderTest first;
    private AppUnderTest second;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private AppUnderTest open(String name, RoomHost host, int column) {
        AppUnderTest app = AppUnderTest.open(dir.resolve(name + column), host, s -> s.displayName(name), column);
        app.typeInto("#address", "127.0.0.1:" + server.port()).press(KeyCode.ENTER);
        return app;
    }

    @Test
    void createAnAccountThenAWrongPasswordIsRefusedInWords() {
        RoomHost accountsOnly = EmbeddedRoomHost.create("127.0.0.1", b -> b.guests(false));
        server = accountsOnly.start("Accounts only", dir.resolve("server"), 0);
        first = open("dave", accountsOnly, 0);
        await().atMost(AppUnderTest.WAIT).until(() -> first.state().startsWith("START SIGN_IN"));
        assertThat(first.node("#signin-guest").isVisible()).isFalse();
        first.click("#signin-create");
        first.typeInto("#signin-username", "dave");
        first.typeInto("#signin-password", "correct horse battery staple").press(KeyCode.ENTER);
        first.awaitChat();

        second = open("erin", accountsOnly, 1);
        await().atMost(AppUnderTest.WAIT).until(() -> second.state().startsWith("START SIGN_IN"));
        second.typeInto("#signin-username", "dave");
        second.typeInto("#signin-password", "not the password").press(KeyCode.ENTER);
        await().atMost(AppUnderTest.WAIT).until(() -> second.text("#signin-error").equals("Wrong password"));
    }

    @Test
    void aTokenTheServerRefusesIsForgottenAndSignInIsAskedAgain() {
        RoomHost guests = EmbeddedRoomHost.create("127.0.0.1", b -> b);
        server = guests.start("Guests", dir.resolve("server"), 0);
        ServerAddress address = ServerAddress.of("127.0.0.1", server.port());
        Path home = dir.resolve("mallory");
        TokenStore tokens = TokenStore.create(AppPaths.under(home).tokensFile());
        tokens.store(address, "mallory", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJtYWxsb3J5In0.");
        first = AppUnderTest.open(home, guests, s -> {
            s.displayName("mallory");
            s.lastServer(address.display());
            s.startMode(StartMode.JOIN);
        }, 0);
        await().atMost(AppUnderTest.WAIT).until(() -> first.state().startsWith("START SIGN_IN"));
        assertThat(first.text("#signin-error")).isEqualTo("Please sign in again.");
        assertThat(tokens.find(address)).isEmpty();
        first.click("#signin-guest");
        first.awaitChat();
        assertThat(tokens.find(address)).isPresent();
    }

    @Test
    void aNicknameInUseIsSaidInWordsAndAnotherCanBeChosen() {
        RoomHost guests = EmbeddedRoomHost.create("127.0.0.1", b -> b);
        server = guests.start("Guests", dir.resolve("server"), 0);
        first = open("bob", guests, 0);
        first.awaitChat();
        second = open("bob", guests, 1);
        await().atMost(AppUnderTest.WAIT).until(() -> second.text("#signin-error").equals("That name is taken"));
        second.typeInto("#signin-username", "bob2");
        second.click("#signin-guest");
        second.awaitChat();
    }
}
