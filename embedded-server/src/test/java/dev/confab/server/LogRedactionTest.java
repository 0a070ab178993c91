package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.testing.TestClient;
import dev.confab.server.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LogRedactionTest {
    @TempDir
    Path dir;

    @Test
    void tokensPasswordsAndHashesNeverReachTheLogEvenAtDebug() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger confab = (Logger) LoggerFactory.getLogger("dev.confab");
        // The WebSocket library at DEBUG too. Java-WebSocket 1.6.0 has no DEBUG lines (only TRACE, WARN and ERROR),
        // and its TRACE prints raw socket bytes, handshakes and frames with their tokens and passwords: TRACE on
        // org.java_websocket is a documented exception (docs/SECURITY.md), never for production.
        Logger library = (Logger) LoggerFactory.getLogger("org.java_websocket");
        Level before = confab.getLevel();
        Level libraryBefore = library.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        confab.setLevel(Level.DEBUG);
        library.setLevel(Level.DEBUG);
        String password = "hunter2-very-secret";
        String newPassword = "correct-horse-renewed";
        List<String> secrets = new java.util.ArrayList<>(List.of(password, newPassword));
        TestServer server = TestServer.start(dir);
        try {
            TestClient alice = server.connect();
            alice.next(ServerFrame.Hello.class);
            alice.send(new ClientFrame.Register("r", new ClientFrame.Credentials("alice", password)));
            String token = alice.next(ServerFrame.Connected.class).data().token();
            secrets.addAll(tokenAndPieces(token));
            alice.send(new ClientFrame.Login("again", new ClientFrame.Credentials("alice", password)));
            alice.next(ServerFrame.ErrorFrame.class);
            server.connect("/ws/general?token=" + token, Map.of()).next(ServerFrame.Connected.class);
            server.connect("/ws", Map.of("Authorization", "Bearer " + token)).next(ServerFrame.Connected.class);
            TestClient forged = server.connectWithoutWaiting("/ws?token=" + token + "x");
            assertThat(forged.awaitClose()).isEqualTo(4401);
            alice.send(new ClientFrame.ChangePassword("bad", new ClientFrame.PasswordChange(newPassword, password)));
            alice.next(ServerFrame.ErrorFrame.class);
            alice.send(new ClientFrame.ChangePassword("pw", new ClientFrame.PasswordChange(password, newPassword)));
            String renewed = alice.next(ServerFrame.PasswordChanged.class).data().token();
            TestClient revoked = server.connectWithoutWaiting("/ws?token=" + token);
            assertThat(revoked.awaitClose()).isEqualTo(4401);
            server.connect("/ws?token=" + renewed, Map.of()).next(ServerFrame.Connected.class);
            alice.send(new ClientFrame.Logout("bye"));
            alice.next(ServerFrame.LoggedOut.class);
            alice.awaitClose();
            secrets.addAll(tokenAndPieces(renewed));
            server.close();
            // Checked once the server is stopped: the appender's list is not safe to read while threads log.
            root.detachAppender(captured);
            assertThat(captured.list).isNotEmpty();
            for (ILoggingEvent event : List.copyOf(captured.list)) {
                StringBuilder line = new StringBuilder(event.getFormattedMessage());
                for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
                    line.append(' ').append(cause.getMessage());
                }
                for (String secret : secrets) {
                    assertThat(line.toString()).as("%s line", event.getLoggerName()).doesNotContain(secret);
                }
                assertThat(line.toString()).doesNotContain("$argon2id$");
            }
        } finally {
            server.close();
            root.detachAppender(captured);
            confab.setLevel(before);
            library.setLevel(libraryBefore);
        }
    }

    /** The token, and its payload and signature on their own: a log line quoting either leaks it in part. */
    private static List<String> tokenAndPieces(String token) {
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(parts[2]).hasSizeGreaterThan(20);
        return List.of(token, parts[1], parts[2]);
    }
}
