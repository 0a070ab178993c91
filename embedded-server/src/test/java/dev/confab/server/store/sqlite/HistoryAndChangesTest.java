package dev.confab.server.store.sqlite;

import static dev.confab.server.store.sqlite.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.protocol.ClientId;
import dev.confab.protocol.MessageContent;
import dev.confab.protocol.RoomName;
import dev.confab.server.store.AppendResult;
import dev.confab.server.store.ChangeResult;
import dev.confab.server.store.NewMessage;
import dev.confab.server.store.StoredMessage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HistoryAndChangesTest {
    private static final RoomName GENERAL = RoomName.of("general");
    private static final RoomName EMPTY = RoomName.of("empty");
    private static final RoomName MISSING = RoomName.of("missing");
    private static final Instant LATER = Instant.parse("2026-11-21T12:05:00.123456Z");

    @TempDir
    Path dir;

    private StoreFixture fixture;
    private SqliteMessageStore store;

    @BeforeEach
    void openStoreWithTenMessages() {
        fixture = new StoreFixture(dir);
        store = fixture.open();
        for (int i = 1; i <= 10; i++) {
            store.append(message("general", i % 2 == 0 ? "u2" : "u1", "m" + i)).join();
        }
        store.ensureRoom(EMPTY);
    }

    @AfterEach
    void closeFixture() throws Exception {
        fixture.close();
    }

    @Test
    void pageWithoutBeforeGivesTheNewestOldestFirst() {
        assertThat(store.page(GENERAL, null, 3)).extracting(StoredMessage::seq).containsExactly(8L, 9L, 10L);
    }

    @Test
    void pageBeforeASeqGivesTheMessagesJustBelowIt() {
        assertThat(store.page(GENERAL, 8L, 3)).extracting(StoredMessage::seq).containsExactly(5L, 6L, 7L);
        assertThat(store.page(GENERAL, 3L, 50)).extracting(StoredMessage::seq).containsExactly(1L, 2L);
        assertThat(store.page(GENERAL, 1L, 50)).isEmpty();
        assertThat(store.page(GENERAL, 1000L, 2)).extracting(StoredMessage::seq).containsExactly(9L, 10L);
    }

    @Test
    void pageOfAnEmptyOrUnknownRoomIsEmpty() {
        assertThat(store.page(EMPTY, null, 50)).isEmpty();
        assertThat(store.page(MISSING, null, 50)).isEmpty();
    }

    @Test
    void readsSeeTheLatestCommitAndHoldNoSnapshotBetweenThem() throws Exception {
        // More reads than read connections, so every connection has run each of its kept statements.
        for (int i = 0; i < 4; i++) {
            assertThat(store.page(GENERAL, null, 2)).extracting(StoredMessage::seq).containsExactly(9L, 10L);
            assertThat(store.since(GENERAL, 9, 50)).extracting(StoredMessage::seq).containsExactly(10L);
            assertThat(store.find(GENERAL, 10)).map(StoredMessage::content).contains("m10");
        }
        store.append(message("general", "u1", "m11")).join();
        for (int i = 0; i < 4; i++) {
            assertThat(store.page(GENERAL, null, 2)).extracting(StoredMessage::seq).containsExactly(10L, 11L);
            assertThat(store.since(GENERAL, 9, 50)).extracting(StoredMessage::seq).containsExactly(10L, 11L);
            assertThat(store.find(GENERAL, 11)).map(StoredMessage::content).contains("m11");
        }
        // A reader still in a read transaction pins its snapshot: the checkpoint could not bring the WAL's last
        // frames back into the database and would answer busy (1) after its busy timeout.
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + fixture.databaseFile());
             Statement statement = other.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).as("checkpoint busy").isZero();
        }
    }

    @Test
    void sinceGivesMessagesAfterASeqUpToTheLimit() {
        assertThat(store.since(GENERAL, 7, 50)).extracting(StoredMessage::seq).containsExactly(8L, 9L, 10L);
        assertThat(store.since(GENERAL, 0, 2)).extracting(StoredMessage::seq).containsExactly(1L, 2L);
        assertThat(store.since(GENERAL, 10, 50)).isEmpty();
        assertThat(store.since(MISSING, 0, 50)).isEmpty();
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> store.page(GENERAL, null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.since(GENERAL, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void findAndLastSeq() {
        assertThat(store.find(GENERAL, 4)).map(StoredMessage::content).contains("m4");
        assertThat(store.find(GENERAL, 11)).isEmpty();
        assertThat(store.find(MISSING, 1)).isEmpty();
        assertThat(store.lastSeq(GENERAL)).isEqualTo(10);
        assertThat(store.lastSeq(EMPTY)).isZero();
        assertThat(store.lastSeq(MISSING)).isZero();
    }

    @Test
    void everyFieldIsStoredAsGiven() {
        NewMessage full = new NewMessage(RoomName.of("full"), "u9", "Nine", ClientId.of("cid"),
                MessageContent.of("héllo 👋"), 3L, "{\"k\":1}", Instant.parse("2026-11-21T12:00:00.987Z"));
        StoredMessage stored = store.append(full).join().message();

        assertThat(store.find(RoomName.of("full"), 1)).contains(stored);
        assertThat(stored).isEqualTo(new StoredMessage(RoomName.of("full"), 1, "u9", "Nine", "cid", "héllo 👋", 3L,
                "{\"k\":1}", Instant.parse("2026-11-21T12:00:00.987Z"), null, false));
    }

    @Test
    void theAuthorCanEdit() {
        ChangeResult result = store.edit(GENERAL, 3, "u1", MessageContent.of("edited"), LATER).join();

        StoredMessage edited = ((ChangeResult.Changed) result).message();
        assertThat(edited.content()).isEqualTo("edited");
        assertThat(edited.editedAt()).isEqualTo(Instant.parse("2026-11-21T12:05:00.123Z"));
        assertThat(store.find(GENERAL, 3)).contains(edited);
    }

    @Test
    void someoneElseCannotEditOrDelete() {
        assertThat(store.edit(GENERAL, 3, "u2", MessageContent.of("mine now"), LATER).join())
                .isInstanceOf(ChangeResult.NotAuthor.class);
        assertThat(store.delete(GENERAL, 3, "u2").join()).isInstanceOf(ChangeResult.NotAuthor.class);
        assertThat(store.find(GENERAL, 3)).map(StoredMessage::content).contains("m3");
    }

    @Test
    void changingAMissingMessageIsNotFound() {
        assertThat(store.edit(GENERAL, 99, "u1", MessageContent.of("x"), LATER).join())
                .isInstanceOf(ChangeResult.NotFound.class);
        assertThat(store.delete(MISSING, 1, "u1").join()).isInstanceOf(ChangeResult.NotFound.class);
    }

    @Test
    void aDeletedMessageKeepsItsPlaceWithoutContent() {
        StoredMessage before = store.find(GENERAL, 5).orElseThrow();
        ChangeResult result = store.delete(GENERAL, 5, "u1").join();

        StoredMessage deleted = ((ChangeResult.Changed) result).message();
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.content()).isNull();
        assertThat(deleted.metadataJson()).isNull();
        assertThat(deleted.seq()).isEqualTo(5);
        assertThat(deleted.userId()).isEqualTo(before.userId());
        assertThat(deleted.timestamp()).isEqualTo(before.timestamp());
        assertThat(store.since(GENERAL, 4, 1)).containsExactly(deleted);
        assertThat(store.delete(GENERAL, 5, "u1").join()).isInstanceOf(ChangeResult.NotFound.class);
        assertThat(store.edit(GENERAL, 5, "u1", MessageContent.of("back"), LATER).join())
                .isInstanceOf(ChangeResult.NotFound.class);
        assertThat(store.lastSeq(GENERAL)).isEqualTo(10);
    }

    @Test
    void aResendOfADeletedMessageDoesNotBringItBack() {
        StoredMessage original = store.append(message("general", "u1", "c-7", "oops")).join().message();
        store.delete(GENERAL, original.seq(), "u1").join();

        AppendResult resend = store.append(message("general", "u1", "c-7", "oops")).join();
        assertThat(resend.duplicate()).isTrue();
        assertThat(resend.message().deleted()).isTrue();
    }
}
