package dev.confab.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.protocol.Username;
import dev.confab.server.store.Account;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SqliteAccountStoreTest {
    @TempDir
    Path dir;

    private StoreFixture fixture;
    private SqliteAccountStore accounts;

    @BeforeEach
    void open() {
        fixture = new StoreFixture(dir);
        accounts = fixture.open().accounts();
    }

    @AfterEach
    void closeFixture() throws Exception {
        fixture.close();
    }

    @Test
    void namesAreUniqueWithoutRegardToCase() {
        Account ann = accounts.create(Username.of("Ann"), "hash-1").orElseThrow();

        assertThat(accounts.create(Username.of("ANN"), "hash-2")).isEmpty();
        assertThat(accounts.create(Username.of("ann"), "hash-3")).isEmpty();
        assertThat(accounts.findByName(Username.of("aNN"))).contains(ann);
        assertThat(ann.username().value()).isEqualTo("Ann");
    }

    /**
     * The lookups reuse one prepared statement per read connection: each finds what was committed since, and a
     * statement left in no open read (its result set closed) does not keep an old snapshot.
     */
    @Test
    void lookupsRepeatedOnEveryReadConnectionSeeEachNewAccount() {
        for (int i = 0; i < 40; i++) {
            Username name = Username.of("user" + i);
            assertThat(accounts.findByName(name)).isEmpty();
            Account created = accounts.create(name, "hash-" + i).orElseThrow();
            assertThat(accounts.findByName(name)).contains(created);
            assertThat(accounts.findById(created.userId())).contains(created);
            assertThat(accounts.findByName(Username.of("user" + (i + 1)))).isEmpty();
        }
        assertThat(accounts.revokeTokens(accounts.findByName(Username.of("user7")).orElseThrow().userId())
                .tokenVersion()).isEqualTo(1);
        assertThat(accounts.findByName(Username.of("USER7")).orElseThrow().tokenVersion()).isEqualTo(1);
    }

    @Test
    void anAccountIsFoundByIdWithItsOpaqueStableId() {
        Account ann = accounts.create(Username.of("ann"), "hash").orElseThrow();

        assertThat(ann.userId()).matches("u[0-9a-f]{16}");
        assertThat(ann.tokenVersion()).isZero();
        assertThat(accounts.findById(ann.userId())).contains(ann);
        assertThat(accounts.findById("u0000000000000000")).isEmpty();
        assertThat(accounts.findByName(Username.of("nobody"))).isEmpty();
    }

    @Test
    void changingThePasswordBumpsTheTokenVersion() {
        Account ann = accounts.create(Username.of("ann"), "old-hash").orElseThrow();

        Account changed = accounts.changePassword(ann.userId(), "new-hash");

        assertThat(changed.passwordHash()).isEqualTo("new-hash");
        assertThat(changed.tokenVersion()).isEqualTo(1);
        assertThat(accounts.findById(ann.userId())).contains(changed);
        assertThatThrownBy(() -> accounts.changePassword("u-nobody", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void revokingTokensBumpsTheVersionAndKeepsThePassword() {
        Account ann = accounts.create(Username.of("Ann"), "hash").orElseThrow();
        Account revoked = accounts.revokeTokens(ann.userId());
        assertThat(revoked.tokenVersion()).isEqualTo(ann.tokenVersion() + 1);
        assertThat(revoked.passwordHash()).isEqualTo("hash");
        assertThat(accounts.findById(ann.userId()).orElseThrow().tokenVersion()).isEqualTo(revoked.tokenVersion());
        assertThatThrownBy(() -> accounts.revokeTokens("u-nobody")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void accountsSurviveAReopen() {
        Account ann = accounts.create(Username.of("ann"), "hash").orElseThrow();
        fixture.open().close();

        assertThat(fixture.open().accounts().findByName(Username.of("ANN"))).contains(ann);
    }

    @Test
    void anAccountWriteFromTheWriterThreadFailsInsteadOfHanging() throws Exception {
        SqliteMessageStore store = fixture.open(StoreConfig.defaults().withBusyTimeout(Duration.ofSeconds(30)));
        // While another connection holds the lock the append cannot complete, so the continuation is attached
        // first and then runs on the writer thread.
        Connection lock = fixture.holdWriteLock();
        CompletableFuture<Optional<Account>> fromWriter = store.append(Messages.message("general", "u1", "hi"))
                .thenApply(appended -> store.accounts().create(Username.of("ann"), "hash"));
        assertThat(fromWriter).isNotDone();
        StoreFixture.release(lock);

        assertThat(fromWriter).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(IllegalStateException.class);
        assertThat(store.accounts().findByName(Username.of("ann"))).isEmpty();
    }

    @Test
    void toStringShowsNoHash() {
        Account ann = accounts.create(Username.of("ann"), "secret-hash").orElseThrow();
        assertThat(ann.toString()).doesNotContain("secret-hash");
    }
}
