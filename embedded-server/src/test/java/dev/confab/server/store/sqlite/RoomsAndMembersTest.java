package dev.confab.server.store.sqlite;

import static dev.confab.server.store.sqlite.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.RoomName;
import dev.confab.protocol.Username;
import dev.confab.server.store.Account;
import dev.confab.server.store.MessageStore.Member;
import dev.confab.server.store.RoomInfo;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RoomsAndMembersTest {
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

    @Test
    void roomsAndMembersChangeAtOnceEvenWhileTheDiskIsBusy() throws Exception {
        SqliteMessageStore store = fixture.open(StoreConfig.defaults().withBusyTimeout(Duration.ofSeconds(30)));
        Account ann = store.accounts().create(Username.of("Ann"), "hash").orElseThrow();
        Account bob = store.accounts().create(Username.of("bob"), "hash").orElseThrow();
        Connection lock = fixture.holdWriteLock();

        store.ensureRoom(GENERAL);
        store.addMember(GENERAL, bob.userId());
        store.addMember(GENERAL, ann.userId());
        store.addMember(RoomName.of("other"), ann.userId());
        store.removeMember(RoomName.of("other"), ann.userId());

        assertThat(store.rooms()).containsExactly(new RoomInfo(GENERAL, 0), new RoomInfo(RoomName.of("other"), 0));
        assertThat(store.members(GENERAL)).containsExactly(new Member(ann.userId(), "Ann"),
                new Member(bob.userId(), "bob"));
        assertThat(store.members(RoomName.of("other"))).isEmpty();

        StoreFixture.release(lock);
        store.close();
        SqliteMessageStore reopened = fixture.open();
        assertThat(reopened.members(GENERAL)).extracting(Member::username).containsExactly("Ann", "bob");
        assertThat(reopened.members(RoomName.of("other"))).isEmpty();
        assertThat(reopened.rooms()).extracting(RoomInfo::room)
                .containsExactly(GENERAL, RoomName.of("other"));
    }

    @Test
    void leavingRemovesTheMemberDurably() {
        SqliteMessageStore store = fixture.open();
        Account ann = store.accounts().create(Username.of("ann"), "hash").orElseThrow();
        store.addMember(GENERAL, ann.userId());
        store.removeMember(GENERAL, ann.userId());
        store.addMember(GENERAL, ann.userId());
        store.removeMember(GENERAL, ann.userId());
        store.close();

        assertThat(fixture.open().members(GENERAL)).isEmpty();
    }

    @Test
    void usersWithoutAnAccountAreNotListedAsMembers() {
        SqliteMessageStore store = fixture.open();
        store.addMember(GENERAL, "g:visitor");
        assertThat(store.members(GENERAL)).isEmpty();
        assertThat(store.rooms()).extracting(RoomInfo::room).containsExactly(GENERAL);
    }

    @Test
    void roomsCarryTheirLastSeq() {
        SqliteMessageStore store = fixture.open();
        store.append(message("b-room", "u1", "one")).join();
        store.append(message("b-room", "u1", "two")).join();
        store.append(message("a-room", "u1", "one")).join();

        assertThat(store.rooms()).containsExactly(new RoomInfo(RoomName.of("a-room"), 1),
                new RoomInfo(RoomName.of("b-room"), 2));
    }
}
