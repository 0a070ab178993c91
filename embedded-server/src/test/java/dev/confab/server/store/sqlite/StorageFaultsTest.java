package dev.confab.server.store.sqlite;

import static dev.confab.server.testing.Frames.send;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ClientId;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.MessageContent;
import dev.confab.protocol.RoomName;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.testing.TestClient;
import dev.confab.server.testing.TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * R12, R13 end to end: storage faults while clients are connected. A write that was not stored is answered with
 * an error and never acknowledged; the connection stays usable, other clients are not held up, and the same
 * client id goes through exactly once when the fault is gone.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StorageFaultsTest {
    private static final RoomName GENERAL = RoomName.of("general");

    @TempDir
    Path dir;

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aDatabaseLockedByAnotherProgramIsAnErrorNotAnAckAndTheRetryIsStoredOnce() throws Exception {
        server = TestServer.start(dir, b -> b, StoreConfig.defaults().withBusyTimeout(Duration.ofMillis(500)));
        TestClient alice = server.guestIn("alice", "general");
        TestClient bob = server.guestIn("bob", "general");
        alice.next(ServerFrame.UserJoined.class);
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("confab.db"));
             Statement statement = other.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            alice.send(sendWithId("s1", "while locked", "c1"));
            // While the writer waits for the lock, other connections' frames are still answered at once.
            long start = System.nanoTime();
            bob.send(new ClientFrame.Ping("p"));
            bob.next(ServerFrame.Pong.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(450));

            ServerFrame.ErrorFrame error = alice.nextError(ErrorCode.INTERNAL_ERROR);
            assertThat(error.replyTo()).isEqualTo("s1");
            assertThat(error.data().error()).contains("not stored");
            assertThat(bob.quietFor(200)).as("nothing was broadcast").isTrue();
            assertThat(lastSeq(other)).isZero();
            statement.execute("ROLLBACK");
        }
        alice.send(sendWithId("s2", "while locked", "c1"));
        ServerFrame.Message stored = alice.next(ServerFrame.Message.class);
        assertThat(stored.replyTo()).isEqualTo("s2");
        assertThat(stored.data().seq()).isEqualTo(1);
        assertThat(bob.next(ServerFrame.Message.class).data().clientId()).isEqualTo("c1");
        alice.send(sendWithId("s3", "while locked", "c1"));
        assertThat(alice.next(ServerFrame.Message.class).data().seq()).as("the same ack again").isEqualTo(1);
        assertThat(server.store().lastSeq(GENERAL)).isEqualTo(1);
    }

    @Test
    void aFullDiskIsAnErrorNotAnAckHistoryStaysAndWritingResumesWhenThereIsRoom() throws Exception {
        server = TestServer.start(dir);
        TestClient alice = server.guestIn("alice", "general");
        alice.send(send("general", "before", "c0"));
        alice.next(ServerFrame.Message.class);
        // The writer is idle: cap the file at its current size, as a full disk would.
        try (Statement statement = server.store().database().writeConnection().createStatement()) {
            long pages;
            try (ResultSet rows = statement.executeQuery("PRAGMA page_count")) {
                rows.next();
                pages = rows.getLong(1);
            }
            statement.execute("PRAGMA max_page_count = " + pages);
        }
        String big = "x".repeat(3_900);
        Logger writerLog = (Logger) LoggerFactory.getLogger(Writer.class);
        List<String> logged = new CopyOnWriteArrayList<>();
        AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                logged.add(event.getLevel() + " " + event.getFormattedMessage());
            }
        };
        appender.start();
        writerLog.addAppender(appender);
        try {
            for (int i = 1; i <= 5; i++) {
                alice.send(sendWithId("f" + i, big, "c" + i));
                ServerFrame.ErrorFrame error = alice.nextError(ErrorCode.INTERNAL_ERROR);
                assertThat(error.replyTo()).isEqualTo("f" + i);
                assertThat(error.data().error()).contains("not stored");
            }
        } finally {
            writerLog.detachAppender(appender);
        }
        // The operator's log names the cause: SQLite's own code for a full database or disk, once per failed write.
        assertThat(logged).filteredOn(line -> line.startsWith("ERROR")).hasSizeBetween(1, 5)
                .allSatisfy(line -> assertThat(line).contains("SQLITE_FULL", "rolled back"));
        alice.send(new ClientFrame.History("h", GENERAL, null));
        assertThat(alice.next(ServerFrame.History.class).data().messages()).extracting(m -> m.data().content())
                .containsExactly("before");

        try (Statement statement = server.store().database().writeConnection().createStatement()) {
            statement.execute("PRAGMA max_page_count = 1073741823");
        }
        for (int i = 1; i <= 5; i++) {
            alice.send(sendWithId("r" + i, big, "c" + i));
            assertThat(alice.next(ServerFrame.Message.class).data().seq()).isEqualTo(i + 1);
        }
        assertThat(server.store().lastSeq(GENERAL)).isEqualTo(6);
    }

    private static ClientFrame.SendMessage sendWithId(String requestId, String content, String clientId) {
        return new ClientFrame.SendMessage(requestId, GENERAL, new ClientFrame.Outgoing(MessageContent.of(content),
                ClientId.of(clientId), null, null));
    }

    private static long lastSeq(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM messages")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
