package dev.confab.client.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.client.host.EmbeddedRoomHost;
import dev.confab.client.host.RoomHost;
import dev.confab.client.settings.AppPaths;
import dev.confab.client.testing.AppUnderTest;
import dev.confab.client.testing.ClosedAfterEach;
import dev.confab.server.ConfabServer;
import dev.confab.server.RunningServer;
import dev.confab.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Trust on first use against a real {@code wss://} server with a self-signed certificate: the first join asks with
 * the fingerprint and pins it; the next join goes straight in; a changed certificate is a warning that blocks
 * until the user decides, and refusing it leaves the app unconnected and the pin unchanged.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TlsTrustUiTest {
    private static final RoomHost NO_HOSTING = EmbeddedRoomHost.create("127.0.0.1", b -> b);

    @RegisterExtension
    final ClosedAfterEach closing = new ClosedAfterEach();
    @TempDir
    Path dir;
    private final FxRobot robot = new FxRobot();
    private RunningServer server;
    private AppUnderTest app;

    @Test
    void firstJoinAsksAndPinsTheNextJoinDoesNotAndAChangedCertificateIsRefusedOnCancel() throws Exception {
        server = closing.add(tlsServer(dir.resolve("server"), 0));
        int port = server.port();
        String fingerprint = server.certificateFingerprint().orElseThrow();
        Path home = dir.resolve("bob");

        app = closing.add(AppUnderTest.open(home, NO_HOSTING, s -> s.displayName("bob")));
        join(port);
        DialogPane first = awaitDialog();
        assertThat(field("#trust-fingerprint").getText()).isEqualTo(fingerprint);
        assertThat(first.getStyleClass()).doesNotContain("trust-warning");
        assertThat(robot.lookup("#trust-previous").tryQuery()).isEmpty();
        click("#trust-accept");
        app.awaitChat();
        Path pins = AppPaths.under(home).pinsFile();
        assertThat(Files.readString(pins)).contains(fingerprint.replace(":", "\\:"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pins))).isEqualTo("rw-------");
        app.close();

        app = closing.add(AppUnderTest.open(home, NO_HOSTING, s -> { }));
        if (app.state().startsWith("START")) {
            join(port);
        }
        app.awaitChat();
        assertThat(dialog()).as("no question for a pinned certificate").isEmpty();
        app.close();

        // The host made a new certificate (say, reinstalled): same address, other key.
        server.close();
        deleteTree(dir.resolve("server").resolve("tls"));
        server = closing.add(tlsServer(dir.resolve("server"), port));
        String changed = server.certificateFingerprint().orElseThrow();
        assertThat(changed).isNotEqualTo(fingerprint);

        app = closing.add(AppUnderTest.open(home, NO_HOSTING, s -> { }));
        if (app.state().startsWith("START")) {
            join(port);
        }
        DialogPane warning = awaitDialog();
        assertThat(warning.getStyleClass()).contains("trust-warning");
        assertThat(field("#trust-fingerprint").getText()).isEqualTo(changed);
        assertThat(field("#trust-previous").getText()).isEqualTo(fingerprint);
        assertThat(app.state()).as("nothing connects while the warning is open").doesNotStartWith("CHAT Connected");
        assertThat(server.connectionCount()).isZero();
        // Cancel is the warning's default button, so Enter refuses; Trust is marked as the dangerous choice.
        assertThat(AppUnderTest.fx(() -> robot.lookup("#trust-cancel").queryButton().isDefaultButton())).isTrue();
        assertThat(AppUnderTest.fx(() -> robot.lookup("#trust-accept").queryButton().isDefaultButton())).isFalse();
        assertThat(AppUnderTest.fx(() -> robot.lookup("#trust-accept").queryButton().getStyleClass()))
                .contains("danger");
        click("#trust-cancel");
        await().atMost(AppUnderTest.WAIT).until(() -> dialog().isEmpty());
        await().atMost(AppUnderTest.WAIT).until(() -> !app.state().equals("CHAT Connected")
                && (app.state().contains("not trusted") || app.state().contains("Certificate not trusted")));
        assertThat(Files.readString(pins)).contains(fingerprint.replace(":", "\\:")).doesNotContain(
                changed.replace(":", "\\:"));
        assertThat(server.connectionCount()).isZero();
    }

    @Test
    void acceptingAChangedCertificateReplacesThePin() throws Exception {
        server = closing.add(tlsServer(dir.resolve("server"), 0));
        int port = server.port();
        Path home = dir.resolve("carol");
        app = closing.add(AppUnderTest.open(home, NO_HOSTING, s -> s.displayName("carol")));
        join(port);
        awaitDialog();
        click("#trust-accept");
        app.awaitChat();
        app.close();

        server.close();
        deleteTree(dir.resolve("server").resolve("tls"));
        server = closing.add(tlsServer(dir.resolve("server"), port));
        String changed = server.certificateFingerprint().orElseThrow();
        app = closing.add(AppUnderTest.open(home, NO_HOSTING, s -> { }));
        if (app.state().startsWith("START")) {
            join(port);
        }
        awaitDialog();
        click("#trust-accept");
        app.awaitChat();
        assertThat(Files.readString(AppPaths.under(home).pinsFile())).contains(changed.replace(":", "\\:"));
    }

    @Test
    void aRoomHostedWithTlsIsJoinedOverWssAfterTheGuestTrustsItsFingerprint() throws Exception {
        AppUnderTest host = AppUnderTest.open(dir.resolve("alice"), NO_HOSTING, s -> {
            s.displayName("alice");
            s.hostPort(0);
            s.hostTls(true);
        });
        try {
            host.click("#host-button");
            // The first TLS start makes a key and certificate: slower than a plain start on a busy machine.
            await().atMost(java.time.Duration.ofSeconds(90)).until(() -> host.state().equals("CHAT Connected"));
            assertThat(dialog()).as("the host trusts its own certificate").isEmpty();
            String shown = AppUnderTest.fx(() -> host.chat().hostAddresses().getFirst());
            assertThat(shown).startsWith("wss://");
            int port = Integer.parseInt(shown.substring(shown.lastIndexOf(':') + 1));
            String fingerprint = Files.readString(AppPaths.under(dir.resolve("alice")).pinsFile())
                    .lines().filter(line -> line.startsWith("127.0.0.1")).findFirst().orElseThrow();

            app = closing.add(AppUnderTest.open(dir.resolve("bob"), NO_HOSTING, s -> s.displayName("bob"), 1));
            join(port);
            awaitDialog();
            assertThat(fingerprint.replace("\\", "")).endsWith(field("#trust-fingerprint").getText());
            click("#trust-accept");
            app.awaitChat();
            host.say("over TLS");
            app.awaitContents(java.util.List.of("over TLS"));
        } finally {
            host.close();
        }
    }

    private void join(int port) {
        app.typeInto("#address", "wss://127.0.0.1:" + port).press(KeyCode.ENTER);
    }

    private static RunningServer tlsServer(Path data, int port) {
        return ConfabServer.start(ServerConfig.builder().host("127.0.0.1").port(port).dataDir(data)
                .tlsSelfSigned(true).build());
    }

    private DialogPane awaitDialog() {
        await().atMost(AppUnderTest.WAIT).until(() -> dialog().isPresent());
        return dialog().orElseThrow();
    }

    private Optional<DialogPane> dialog() {
        return AppUnderTest.fx(() -> robot.lookup("#trust-dialog").tryQuery().map(DialogPane.class::cast));
    }

    private TextField field(String id) {
        return AppUnderTest.fx(() -> robot.lookup(id).queryAs(TextField.class));
    }

    private void click(String id) {
        Button button = AppUnderTest.fx(() -> robot.lookup(id).queryButton());
        Node scene = button;
        AppUnderTest.fx(() -> {
            scene.getScene().getWindow().requestFocus();
            return null;
        });
        robot.clickOn(button);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
