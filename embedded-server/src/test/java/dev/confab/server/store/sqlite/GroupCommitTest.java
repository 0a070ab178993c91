package dev.confab.server.store.sqlite;

import static dev.confab.server.store.sqlite.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import dev.confab.protocol.RoomName;
import dev.confab.server.store.AppendResult;
import dev.confab.server.store.StoreException;
import dev.confab.server.store.StoredMessage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's batching, back-pressure and failure handling. Another connection holding the write lock stands
 * in for a slow disk: while the writer waits for it, writes pile up in the queue, deterministically.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GroupCommitTest {
    private static final RoomName GENERAL = RoomName.of("general");

    @TempDir
    Path dir;

    private StoreFixture fixture;

    @BeforeEach
    void createFixture() {
        fixture = new StoreFixture(dir);
    }

    @AfterEach
    void closeFixture() throws Exception {
        fixture.close();
    }

    private static StoreConfig config() {
        return StoreConfig.defaults().withBusyTimeout(Duration.ofSeconds(30));
    }

    /** Queues one write that the writer takes and then blocks on the lock, so that later ones wait in the queue. */
    private static CompletableFuture<AppendResult> blockWriter(SqliteMessageStore store) {
        CompletableFuture<AppendResult> first = store.append(message("general", "u0", "first"));
        await().atMost(Duration.ofSeconds(10)).until(() -> store.stats().queued() == 0);
        return first;
    }

    @Test
    void aBurstIsCommittedInFewTransactions() throws Exception {
        SqliteMessageStore store = fixture.open(config());
        Connection lock = fixture.holdWriteLock();
        CompletableFuture<AppendResult> first = blockWriter(store);
        List<CompletableFuture<AppendResult>> burst = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            burst.add(store.append(message("general", "u1", "c" + i, "message " + i)));
        }
        assertThat(burst).noneMatch(CompletableFuture::isDone);

        StoreFixture.release(lock);
        first.get(20, TimeUnit.SECONDS);
        CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

        WriterStats stats = store.stats();
        assertThat(stats.messages()).isEqualTo(301);
        assertThat(stats.transactions()).isLessThanOrEqualTo(2);
        assertThat(store.since(GENERAL, 0, 1000)).extracting(StoredMessage::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 301).boxed().toList());
    }

    @Test
    void readsDoNotWaitForABlockedWriter() throws Exception {
        SqliteMessageStore store = fixture.open(config());
        store.append(message("general", "u1", "c-1", "committed")).get(20, TimeUnit.SECONDS);
        Connection lock = fixture.holdWriteLock();
        CompletableFuture<AppendResult> blocked = blockWriter(store);

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThat(store.page(GENERAL, null, 10)).extracting(StoredMessage::content).containsExactly("committed");
            assertThat(store.since(GENERAL, 0, 10)).hasSize(1);
            assertThat(store.find(GENERAL, 1)).isPresent();
            assertThat(store.lastSeq(GENERAL)).isEqualTo(1);
            assertThat(store.rooms()).hasSize(1);
        });
        assertThat(blocked).isNotDone();
        StoreFixture.release(lock);
        assertThat(blocked.get(20, TimeUnit.SECONDS).message().seq()).isEqualTo(2);
    }

    @Test
    void aBatchHoldsAtMostMaxBatchWrites() throws Exception {
        SqliteMessageStore store = fixture.open(config().withMaxBatch(10));
        Connection lock = fixture.holdWriteLock();
        CompletableFuture<AppendResult> first = blockWriter(store);
        List<CompletableFuture<AppendResult>> burst = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            burst.add(store.append(message("general", "u1", "message " + i)));
        }
        StoreFixture.release(lock);
        first.get(20, TimeUnit.SECONDS);
        CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

        assertThat(store.stats().transactions()).isBetween(11L, 12L);
    }

    @Test
    void resendInsideTheSameBatchIsADuplicate() throws Exception {
        SqliteMessageStore store = fixture.open(config());
        Connection lock = fixture.holdWriteLock();
        CompletableFuture<AppendResult> first = blockWriter(store);
        CompletableFuture<AppendResult> original = store.append(message("general", "u1", "same", "hello"));
        CompletableFuture<AppendResult> resend = store.append(message("general", "u1", "same", "hello"));
        StoreFixture.release(lock);
        first.get(20, TimeUnit.SECONDS);

        assertThat(original.get(20, TimeUnit.SECONDS).duplicate()).isFalse();
        assertThat(resend.get(20, TimeUnit.SECONDS).duplicate()).isTrue();
        assertThat(resend.get().message()).isEqualTo(original.get().message());
        assertThat(store.lastSeq(GENERAL)).isEqualTo(2);
        assertThat(store.stats().transactions()).isLessThanOrEqualTo(2);
    }

    @Test
    void aFullQueueRefusesAtOnceAndWritesNothingOfTheRefused() throws Exception {
        SqliteMessageStore store = fixture.open(config().withQueueCapacity(5));
        Connection lock = fixture.holdWriteLock();
        CompletableFuture<AppendResult> first = blockWriter(store);
        List<CompletableFuture<AppendResult>> accepted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            accepted.add(store.append(message("general", "u1", "accepted " + i)));
        }
        CompletableFuture<AppendResult> refused = store.append(message("general", "u1", "refused"));

        assertThat(refused).isCompletedExceptionally();
        assertThat(refused.handle((ok, failure) -> failure).join())
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.busy()).isTrue());

        StoreFixture.release(lock);
        first.get(20, TimeUnit.SECONDS);
        CompletableFuture.allOf(accepted.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        assertThat(store.since(GENERAL, 0, 100)).extracting(StoredMessage::content)
                .containsExactly("first", "accepted 0", "accepted 1", "accepted 2", "accepted 3", "accepted 4");
        // Capacity is free again.
        assertThat(store.append(message("general", "u1", "later")).get(20, TimeUnit.SECONDS).message().seq())
                .isEqualTo(7);
    }

    @Test
    void aFailedBatchFailsItsWritesAndTheWriterKeepsServing() throws Exception {
        SqliteMessageStore store = fixture.open(config().withBusyTimeout(Duration.ofMillis(200)));
        Connection lock = fixture.holdWriteLock();
        CompletableFuture<AppendResult> failed = store.append(message("general", "u1", "c1", "during the lock"));

        assertThatFailsWithStoreException(failed);
        assertThat(store.lastSeq(GENERAL)).isZero();
        assertThat(store.stats().failedBatches()).isEqualTo(1);

        StoreFixture.release(lock);
        AppendResult retried = store.append(message("general", "u1", "c1", "during the lock")).get(20,
                TimeUnit.SECONDS);
        assertThat(retried.duplicate()).isFalse();
        assertThat(retried.message().seq()).isEqualTo(1);
        assertThat(store.since(GENERAL, 0, 10)).hasSize(1);
    }

    @Test
    void aFullDiskFailsTheBatchKeepsHistoryAndRecovers() throws Exception {
        SqliteMessageStore store = fixture.open(config());
        store.append(message("general", "u1", "before")).get(20, TimeUnit.SECONDS);
        // The writer is idle, so the test may use its connection: cap the file at its current size.
        try (Statement statement = store.database().writeConnection().createStatement()) {
            statement.execute("PRAGMA max_page_count = " + pageCount(store));
        }
        List<CompletableFuture<AppendResult>> refused = new ArrayList<>();
        String big = "x".repeat(3900);
        for (int i = 0; i < 20; i++) {
            refused.add(store.append(message("general", "u1", "c" + i, big)));
        }
        for (CompletableFuture<AppendResult> future : refused) {
            assertThatFailsWithStoreException(future);
        }
        assertThat(store.since(GENERAL, 0, 100)).extracting(StoredMessage::content).containsExactly("before");
        assertThat(store.lastSeq(GENERAL)).isEqualTo(1);

        try (Statement statement = store.database().writeConnection().createStatement()) {
            statement.execute("PRAGMA max_page_count = 1073741823");
        }
        AppendResult retried = store.append(message("general", "u1", "c0", big)).get(20, TimeUnit.SECONDS);
        assertThat(retried.duplicate()).isFalse();
        assertThat(retried.message().seq()).isEqualTo(2);
    }

    private static long pageCount(SqliteMessageStore store) throws Exception {
        try (Statement statement = store.database().writeConnection().createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA page_count")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void closeFinishesAcceptedWrites() throws Exception {
        SqliteMessageStore store = fixture.open(config());
        Connection lock = fixture.holdWriteLock();
        CompletableFuture<AppendResult> first = blockWriter(store);
        List<CompletableFuture<AppendResult>> accepted = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            accepted.add(store.append(message("general", "u1", "pending " + i)));
        }
        CompletableFuture<Void> closing = CompletableFuture.runAsync(store::close);
        StoreFixture.release(lock);
        closing.get(20, TimeUnit.SECONDS);

        assertThat(first).isCompleted();
        assertThat(accepted).allMatch(future -> future.isDone() && !future.isCompletedExceptionally());
        try (SqliteMessageStore reopened = SqliteMessageStore.open(fixture.databaseFile(), config(),
                StoreFixture.CLOCK)) {
            assertThat(reopened.lastSeq(GENERAL)).isEqualTo(21);
        }
    }

    private static void assertThatFailsWithStoreException(CompletableFuture<?> future) {
        Throwable failure = future.handle((ok, error) -> error).join();
        assertThat(failure).isNotNull();
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        assertThat(cause).isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.busy()).isFalse());
    }
}
