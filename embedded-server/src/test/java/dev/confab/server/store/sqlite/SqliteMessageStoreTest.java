package dev.confab.server.store.sqlite;

import static dev.confab.server.store.sqlite.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.RoomName;
import dev.confab.server.store.AppendResult;
import dev.confab.server.store.StoredMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SqliteMessageStoreTest {
    private static final RoomName GENERAL = RoomName.of("general");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final List<SqliteMessageStore> opened = new ArrayList<>();

    @AfterEach
    void closeStores() {
        opened.forEach(SqliteMessageStore::close);
    }

    private SqliteMessageStore open() {
        return open(StoreConfig.defaults());
    }

    private SqliteMessageStore open(StoreConfig config) {
        SqliteMessageStore store = SqliteMessageStore.open(dir.resolve("confab.db"), config, CLOCK);
        opened.add(store);
        return store;
    }

    @Test
    void concurrentAppendersGetGaplessUniqueSeqs() throws Exception {
        SqliteMessageStore store = open();
        int writers = 20;
        int perWriter = 50;
        ConcurrentLinkedQueue<Long> seqs = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String user = "u" + w;
                done.add(CompletableFuture.runAsync(() -> {
                    awaitQuietly(start);
                    List<CompletableFuture<AppendResult>> mine = new ArrayList<>();
                    for (int i = 0; i < perWriter; i++) {
                        mine.add(store.append(message("general", user, user + "-" + i, "hello " + i)));
                    }
                    mine.forEach(future -> seqs.add(future.join().message().seq()));
                }, pool));
            }
            start.countDown();
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(50, TimeUnit.SECONDS);
        }
        long total = (long) writers * perWriter;
        assertThat(seqs).hasSize((int) total).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(store.lastSeq(GENERAL)).isEqualTo(total);
        assertThat(store.since(GENERAL, 0, 5000)).extracting(StoredMessage::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(store.stats().messages()).isEqualTo(total);
    }

    @Test
    void resendWithSameClientIdReturnsTheStoredMessageAsDuplicate() {
        SqliteMessageStore store = open();
        AppendResult first = store.append(message("general", "u1", "c-1", "first")).join();
        AppendResult again = store.append(message("general", "u1", "c-1", "different text")).join();

        assertThat(first.duplicate()).isFalse();
        assertThat(again.duplicate()).isTrue();
        assertThat(again.message()).isEqualTo(first.message());
        assertThat(again.message().content()).isEqualTo("first");
        assertThat(store.lastSeq(GENERAL)).isEqualTo(1);
        assertThat(store.stats().messages()).isEqualTo(1);
    }

    @Test
    void sameClientIdFromAnotherUserOrRoomIsANewMessage() {
        SqliteMessageStore store = open();
        store.append(message("general", "u1", "c-1", "one")).join();
        AppendResult otherUser = store.append(message("general", "u2", "c-1", "two")).join();
        AppendResult otherRoom = store.append(message("random", "u1", "c-1", "three")).join();

        assertThat(otherUser.duplicate()).isFalse();
        assertThat(otherUser.message().seq()).isEqualTo(2);
        assertThat(otherRoom.duplicate()).isFalse();
        assertThat(otherRoom.message().seq()).isEqualTo(1);
    }

    @Test
    void historySurvivesCloseAndReopenWithTheSameEpoch() {
        SqliteMessageStore store = open();
        String epoch = store.epoch();
        AppendResult stored = store.append(message("general", "u1", "c-1", "kept")).join();
        store.ensureRoom(RoomName.of("empty"));
        store.close();

        SqliteMessageStore reopened = open();
        assertThat(reopened.epoch()).isEqualTo(epoch);
        assertThat(reopened.find(GENERAL, 1)).contains(stored.message());
        assertThat(reopened.lastSeq(GENERAL)).isEqualTo(1);
        assertThat(reopened.rooms()).extracting(info -> info.room().value()).containsExactly("empty", "general");
        assertThat(reopened.append(message("general", "u1", "c-1", "kept")).join().duplicate()).isTrue();
        assertThat(reopened.append(message("general", "u1", "c-2", "next")).join().message().seq()).isEqualTo(2);
    }

    @Test
    void aNewDatabaseHasAnotherEpoch() {
        String first = open().epoch();
        SqliteMessageStore other = SqliteMessageStore.open(dir.resolve("other.db"), StoreConfig.defaults(), CLOCK);
        opened.add(other);
        assertThat(other.epoch()).isNotEqualTo(first).matches("[0-9a-f]{32}");
    }

    @Test
    void writesAfterCloseFail() {
        SqliteMessageStore store = open();
        store.close();
        assertThat(store.append(message("general", "u1", "late"))).failsWithin(Duration.ofSeconds(5));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
