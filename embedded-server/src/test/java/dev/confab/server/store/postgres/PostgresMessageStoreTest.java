package dev.confab.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.protocol.ClientId;
import dev.confab.protocol.MessageContent;
import dev.confab.protocol.RoomName;
import dev.confab.protocol.Username;
import dev.confab.server.store.Account;
import dev.confab.server.store.AppendResult;
import dev.confab.server.store.ChangeResult;
import dev.confab.server.store.MessageStore;
import dev.confab.server.store.NewMessage;
import dev.confab.server.store.RoomInfo;
import dev.confab.server.store.StoreException;
import dev.confab.server.store.StoredMessage;
import dev.confab.server.testing.PerClass;
import dev.confab.server.testing.PostgresProcess;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The PostgreSQL store against a real throwaway cluster: the same semantics as the SQLite store, and two stores on
 * one database (two nodes) that agree on seqs, resends, accounts, epoch and signing key; the migrations run once
 * when nodes start together and refuse a schema newer than this program.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PostgresMessageStoreTest {
    private static final RoomName ROOM = RoomName.of("general");
    @RegisterExtension
    static final PerClass<PostgresProcess> POSTGRES = PerClass.of(PostgresProcess::start);

    private final List<AutoCloseable> opened = new ArrayList<>();
    private String url;
    private PostgresMessageStore nodeA;
    private PostgresMessageStore nodeB;

    @BeforeEach
    void openTwoNodesOnOneDatabase() {
        url = POSTGRES.get().newDatabase();
        nodeA = open(url);
        nodeB = open(url);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
    }

    @Test
    void concurrentAppendsFromTwoNodesGetGaplessSeqs() {
        List<CompletableFuture<AppendResult>> writes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            writes.add(nodeA.append(message("a" + i, "from A " + i)));
            writes.add(nodeB.append(message("b" + i, "from B " + i)));
        }
        List<Long> seqs = writes.stream().map(CompletableFuture::join).map(r -> r.message().seq()).sorted().toList();
        assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, 200).boxed().toList());
        assertThat(nodeA.lastSeq(ROOM)).isEqualTo(200);
        assertThat(nodeB.since(ROOM, 0, 500)).extracting(StoredMessage::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 200).boxed().toList());
    }

    @Test
    void oneNodesWritesToARoomKeepTheirOrder() {
        List<CompletableFuture<AppendResult>> writes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            writes.add(nodeA.append(message("c" + i, "text " + i)));
        }
        for (int i = 0; i < 50; i++) {
            assertThat(writes.get(i).join().message().seq()).isEqualTo(i + 1);
        }
    }

    @Test
    void aResendOnAnotherNodeIsADuplicateAndTakesNoSeq() {
        AppendResult first = nodeA.append(message("same", "hello")).join();
        AppendResult again = nodeB.append(message("same", "hello")).join();
        AppendResult next = nodeB.append(message("other", "next")).join();

        assertThat(first.duplicate()).isFalse();
        assertThat(again.duplicate()).isTrue();
        assertThat(again.message().seq()).isEqualTo(first.message().seq());
        assertThat(next.message().seq()).isEqualTo(first.message().seq() + 1);
    }

    @Test
    void concurrentResendsOnTwoNodesStoreOneMessage() {
        List<CompletableFuture<AppendResult>> writes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            writes.add((i % 2 == 0 ? nodeA : nodeB).append(message("retry", "once")));
        }
        assertThat(writes.stream().map(CompletableFuture::join).filter(r -> !r.duplicate()).count()).isEqualTo(1);
        assertThat(nodeA.since(ROOM, 0, 100)).hasSize(1);
    }

    @Test
    void onlyTheAuthorEditsOrDeletesAndADeletedMessageKeepsItsSeq() {
        long seq = nodeA.append(message("m", "original")).join().message().seq();
        Instant at = Instant.ofEpochMilli(1_700_000_000_000L);

        assertThat(nodeB.edit(ROOM, seq, "someone-else", MessageContent.of("x"), at).join())
                .isInstanceOf(ChangeResult.NotAuthor.class);
        ChangeResult edited = nodeB.edit(ROOM, seq, "u1", MessageContent.of("changed"), at).join();
        assertThat(edited).isInstanceOfSatisfying(ChangeResult.Changed.class, changed -> {
            assertThat(changed.message().content()).isEqualTo("changed");
            assertThat(changed.message().editedAt()).isEqualTo(at);
        });
        assertThat(nodeA.delete(ROOM, seq, "someone-else").join()).isInstanceOf(ChangeResult.NotAuthor.class);
        assertThat(nodeA.delete(ROOM, seq, "u1").join()).isInstanceOf(ChangeResult.Changed.class);
        assertThat(nodeA.delete(ROOM, seq, "u1").join()).isInstanceOf(ChangeResult.NotFound.class);
        assertThat(nodeA.edit(ROOM, 99, "u1", MessageContent.of("x"), at).join())
                .isInstanceOf(ChangeResult.NotFound.class);

        StoredMessage deleted = nodeB.find(ROOM, seq).orElseThrow();
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.content()).isNull();
        assertThat(nodeB.append(message("m", "original")).join().duplicate()).isTrue();
    }

    @Test
    void pagesAndSinceReturnTheRightSlicesOldestFirst() {
        for (int i = 1; i <= 10; i++) {
            nodeA.append(message("p" + i, "m" + i)).join();
        }
        assertThat(nodeB.page(ROOM, null, 3)).extracting(StoredMessage::seq).containsExactly(8L, 9L, 10L);
        assertThat(nodeB.page(ROOM, 5L, 3)).extracting(StoredMessage::seq).containsExactly(2L, 3L, 4L);
        assertThat(nodeB.since(ROOM, 7, 10)).extracting(StoredMessage::seq).containsExactly(8L, 9L, 10L);
        assertThat(nodeB.since(ROOM, 2, 2)).extracting(StoredMessage::seq).containsExactly(3L, 4L);
        assertThat(nodeB.find(ROOM, 4).orElseThrow().content()).isEqualTo("m4");
        assertThat(nodeB.find(ROOM, 11)).isEmpty();
        assertThat(nodeB.lastSeq(RoomName.of("nowhere"))).isZero();
        assertThatThrownBy(() -> nodeB.since(ROOM, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void roomsAndMembersAreSharedAndMembersNeedAnAccount() {
        Account ann = nodeA.accounts().create(Username.of("Ann"), "hash").orElseThrow();
        nodeA.ensureRoom(RoomName.of("empty"));
        nodeB.addMember(ROOM, ann.userId());
        nodeB.addMember(ROOM, ann.userId());
        nodeB.addMember(ROOM, "g:guest-without-account");
        nodeA.append(message("r", "hi")).join();

        assertThat(nodeA.rooms()).containsExactly(new RoomInfo(RoomName.of("empty"), 0),
                new RoomInfo(ROOM, 1));
        assertThat(nodeA.members(ROOM)).containsExactly(new MessageStore.Member(ann.userId(), "Ann"));
        nodeA.removeMember(ROOM, ann.userId());
        assertThat(nodeB.members(ROOM)).isEmpty();
    }

    @Test
    void accountNamesAreUniqueWithoutRegardToCaseAndPasswordChangesBumpTheTokenVersion() {
        Account ann = nodeA.accounts().create(Username.of("Ann"), "hash-1").orElseThrow();
        assertThat(nodeB.accounts().create(Username.of("ANN"), "hash-2")).isEmpty();
        assertThat(nodeB.accounts().findByName(Username.of("aNn"))).contains(ann);
        assertThat(nodeB.accounts().findById(ann.userId())).contains(ann);
        assertThat(ann.userId()).matches("u[0-9a-f]{16}");

        Account changed = nodeB.accounts().changePassword(ann.userId(), "hash-3");
        assertThat(changed.tokenVersion()).isEqualTo(1);
        assertThat(changed.passwordHash()).isEqualTo("hash-3");
        assertThat(nodeA.accounts().findById(ann.userId()).orElseThrow().tokenVersion()).isEqualTo(1);
        assertThatThrownBy(() -> nodeA.accounts().changePassword("u-none", "h"))
                .isInstanceOf(IllegalArgumentException.class);

        Account revoked = nodeA.accounts().revokeTokens(ann.userId());
        assertThat(revoked.tokenVersion()).isEqualTo(2);
        assertThat(revoked.passwordHash()).isEqualTo("hash-3");
        assertThat(nodeB.accounts().findById(ann.userId()).orElseThrow().tokenVersion()).isEqualTo(2);
        assertThatThrownBy(() -> nodeB.accounts().revokeTokens("u-none")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bothNodesShareOneEpochAndOneSigningKey() {
        assertThat(nodeA.epoch()).hasSize(32).isEqualTo(nodeB.epoch());
        assertThat(nodeA.database().signingKey().getEncoded()).hasSize(32)
                .isEqualTo(nodeB.database().signingKey().getEncoded());
    }

    @Test
    void anAppendThatRollsBackGivesItsSeqBack() throws SQLException {
        // A real failure inside the append's transaction, after it took the room's next seq.
        execute("CREATE FUNCTION refuse_marked() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.content = 'refused' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$",
                "CREATE TRIGGER refuse_marked BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION refuse_marked()");
        assertThat(nodeA.append(message("one", "first")).join().message().seq()).isEqualTo(1);

        assertThat(nodeA.append(message("bad", "refused")))
                .failsWithin(Duration.ofSeconds(30)).withThrowableThat()
                .havingRootCause().withMessageContaining("refused by the test");

        assertThat(nodeB.append(message("two", "second")).join().message().seq()).isEqualTo(2);
        assertThat(nodeA.append(message("three", "third")).join().message().seq()).isEqualTo(3);
        assertThat(nodeA.lastSeq(ROOM)).isEqualTo(3);
        assertThat(nodeB.since(ROOM, 0, 10)).extracting(StoredMessage::seq).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aDatabaseMigratedByANewerConfabIsRefusedAndLeftAlone() throws SQLException {
        int newer = PostgresMigrations.latestVersion() + 1;
        execute("INSERT INTO schema_version (version, name, applied_at) VALUES (" + newer + ", 'V" + newer
                + "__from_the_future.sql', 0)");

        assertThatThrownBy(() -> open(url)).isInstanceOf(StoreException.class)
                .hasMessageContaining("the database has schema version " + newer + ", newer than this program ("
                        + PostgresMigrations.latestVersion() + "); use a newer Confab");
        assertThat(schemaVersions(url)).containsExactlyElementsOf(
                IntStream.rangeClosed(1, newer).boxed().toList());
    }

    @Test
    void nodesStartingAtOnceOnAnEmptyDatabaseMigrateItOnce() throws Exception {
        String empty = POSTGRES.get().newDatabase();
        int nodes = 4;
        CyclicBarrier together = new CyclicBarrier(nodes);
        ExecutorService starts = Executors.newFixedThreadPool(nodes);
        try {
            List<Future<PostgresMessageStore>> opening = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                opening.add(starts.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    return open(empty);
                }));
            }
            List<PostgresMessageStore> stores = new ArrayList<>();
            for (Future<PostgresMessageStore> store : opening) {
                stores.add(store.get(60, TimeUnit.SECONDS));
            }
            assertThat(schemaVersions(empty)).containsExactlyElementsOf(
                    IntStream.rangeClosed(1, PostgresMigrations.latestVersion()).boxed().toList());
            assertThat(stores).extracting(PostgresMessageStore::epoch).containsOnly(stores.getFirst().epoch());
        } finally {
            starts.shutdownNow();
        }
    }

    @Test
    void anUnreachableDatabaseFailsToOpenWithAClearMessageAndNoPassword() {
        PostgresConfig config = PostgresConfig.of("jdbc:postgresql://127.0.0.1:1/none?password=secret-pw", "confab",
                "").withConnectionTimeout(Duration.ofMillis(500));
        assertThatThrownBy(() -> PostgresMessageStore.open(config, Clock.systemUTC()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot connect to the PostgreSQL store at jdbc:postgresql://127.0.0.1:1/none")
                .hasMessageNotContaining("secret-pw");
        assertThat(config.toString()).doesNotContain("secret-pw");
    }

    private PostgresMessageStore open(String database) {
        PostgresMessageStore store = PostgresMessageStore.open(PostgresConfig.of(database, "", "").withPoolSize(4),
                Clock.systemUTC());
        synchronized (opened) {
            opened.add(store);
        }
        return store;
    }

    private void execute(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static List<Integer> schemaVersions(String database) throws SQLException {
        List<Integer> versions = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(database);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
        }
        return versions;
    }

    private static NewMessage message(String clientId, String text) {
        return new NewMessage(ROOM, "u1", "Ann", ClientId.of(clientId), MessageContent.of(text), null, null,
                Instant.ofEpochMilli(1_700_000_000_000L));
    }
}
