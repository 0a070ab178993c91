package dev.confab.client.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.client.host.EmbeddedRoomHost;
import dev.confab.client.host.RoomHost;
import dev.confab.client.testing.AppUnderTest;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The account dialog against the real server: a password change signs the other device out; so does signing out. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AccountUiTest {
    private static final RoomHost ACCOUNTS_ONLY = EmbeddedRoomHost.create("127.0.0.1", b -> b.guests(false));

    @TempDir
    Path dir;
    private final FxRobot robot = new FxRobot();
    private RoomHost.Hosted server;
    private AppUnderTest laptop;
    private AppUnderTest phone;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() {
        if (phone != null) {
            phone.close();
        }
        if (laptop != null) {
            laptop.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void changingThePasswordSignsTheOtherDeviceOutAndSigningOutReturnsToSignIn() {
        server = ACCOUNTS_ONLY.start("Accounts only", dir.resolve("server"), 0);
        laptop = open("laptop", 0);
        laptop.click("#signin-create");
        laptop.typeInto("#signin-username", "dave");
        laptop.typeInto("#signin-password", "correct horse battery staple").press(KeyCode.ENTER);
        laptop.awaitChat();
        phone = open("phone", 1);
        phone.typeInto("#signin-username", "dave");
        phone.typeInto("#signin-password", "correct horse battery staple").press(KeyCode.ENTER);
        phone.awaitChat();

        laptop.click("#account-button");
        fill("#account-current", "correct horse battery staple");
        fill("#account-new", "a brand new passphrase");
        fill("#account-repeat", "a brand new passphrase");
        clickInDialog("#account-change");
        await().atMost(AppUnderTest.WAIT).until(() -> dialogText("#account-message").startsWith("Password changed"));
        await().atMost(AppUnderTest.WAIT).until(() -> phone.state().startsWith("START SIGN_IN"));
        assertThat(laptop.state()).isEqualTo("CHAT Connected");

        clickInDialog("#account-sign-out");
        await().atMost(AppUnderTest.WAIT).until(() -> laptop.state().startsWith("START SIGN_IN"));
    }

    private AppUnderTest open(String name, int column) {
        AppUnderTest app = AppUnderTest.open(dir.resolve(name), ACCOUNTS_ONLY, s -> s.displayName("dave"), column);
        app.typeInto("#address", "127.0.0.1:" + server.port()).press(KeyCode.ENTER);
        await().atMost(AppUnderTest.WAIT).until(() -> app.state().startsWith("START SIGN_IN"));
        return app;
    }

    private void fill(String id, String text) {
        await().atMost(AppUnderTest.WAIT).until(() -> AppUnderTest.fx(() -> robot.lookup(id).tryQuery().isPresent()));
        AppUnderTest.fx(() -> {
            robot.lookup(id).queryAs(PasswordField.class).setText(text);
            return null;
        });
    }

    private void clickInDialog(String id) {
        Button button = AppUnderTest.fx(() -> robot.lookup(id).queryButton());
        AppUnderTest.fx(() -> {
            button.getScene().getWindow().requestFocus();
            return null;
        });
        robot.clickOn(button);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String dialogText(String id) {
        return AppUnderTest.fx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }
}
