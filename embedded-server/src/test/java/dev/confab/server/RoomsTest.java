package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.RoomName;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.testing.TestClient;
import dev.confab.server.testing.TestServer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RoomsTest {
    private static final RoomName GENERAL = RoomName.of("general");

    @TempDir
    Path dir;

    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void joinAnswersJoinedRoomAndTellsTheOthers() {
        TestClient alice = server.guestIn("alice", "general");
        TestClient bob = server.guest("bob");
        bob.send(new ClientFrame.JoinRoom("j1", GENERAL, null));
        ServerFrame.JoinedRoom joined = bob.next(ServerFrame.JoinedRoom.class);
        assertThat(joined.replyTo()).isEqualTo("j1");
        assertThat(joined.data().members()).extracting(ServerFrame.Member::username)
                .containsExactly("alice", "bob");
        assertThat(joined.data().lastSeq()).isZero();
        assertThat(joined.data().epoch()).isEqualTo(server.store().epoch());
        assertThat(joined.data().hasMore()).isFalse();
        ServerFrame.UserJoined userJoined = alice.next(ServerFrame.UserJoined.class);
        assertThat(userJoined.data().username()).isEqualTo("bob");
        assertThat(userJoined.sender()).isEqualTo("bob");
        assertThat(bob.quietFor(200)).as("the joiner gets no user_joined about itself").isTrue();
    }

    /**
     * A user's {@code user_joined} leaves before the joiner's {@code joined_room}: a client that joins once the first
     * one has its answer is listed the first one as a member and gets no announce of it after that (MessagesTest
     * saw it once when the announce still left after the answer, from the joiner's strand, and lost the race).
     */
    @Test
    void whoJoinsAfterAnotherHasItsAnswerGetsNoAnnounceOfIt() {
        TestClient alice = server.guest("alice");
        TestClient bob = server.guest("bob");
        for (int i = 0; i < 30; i++) { // each joins 30 rooms: within the join burst (40)
            String room = "room-" + i;
            TestServer.join(alice, room);
            ServerFrame.JoinedRoom joined = TestServer.join(bob, room);
            assertThat(joined.data().members()).extracting(ServerFrame.Member::username).contains("alice");
            assertThat(alice.next(ServerFrame.UserJoined.class).data().username()).isEqualTo("bob");
            alice.send(new ClientFrame.Typing(null, RoomName.of(room)));
            assertThat(bob.next(ServerFrame.Typing.class).room()).isEqualTo(RoomName.of(room));
        }
    }

    @Test
    void leaveAnswersLeftRoomAndTellsTheOthers() {
        TestClient alice = server.guestIn("alice", "general");
        TestClient bob = server.guestIn("bob", "general");
        alice.next(ServerFrame.UserJoined.class);
        bob.send(new ClientFrame.LeaveRoom("l", GENERAL));
        assertThat(bob.next(ServerFrame.LeftRoom.class).replyTo()).isEqualTo("l");
        assertThat(alice.next(ServerFrame.UserLeft.class).data().username()).isEqualTo("bob");
        bob.send(new ClientFrame.LeaveRoom("again", GENERAL));
        bob.nextError(ErrorCode.NOT_IN_ROOM);
    }

    @Test
    void aDroppedConnectionLeavesItsRooms() throws Exception {
        TestClient alice = server.guestIn("alice", "general");
        TestClient bob = server.guestIn("bob", "general");
        alice.next(ServerFrame.UserJoined.class);
        bob.closeBlocking();
        assertThat(alice.next(ServerFrame.UserLeft.class).data().username()).isEqualTo("bob");
    }

    @Test
    void aUserOnSeveralConnectionsIsOneMember() throws Exception {
        TestClient alice = server.guestIn("alice", "general");
        server.registered("bob").closeBlocking();
        String token = bobToken();
        TestClient bobPhone = server.connect("/ws/general?token=" + token, java.util.Map.of());
        bobPhone.next(ServerFrame.Connected.class);
        bobPhone.next(ServerFrame.JoinedRoom.class);
        assertThat(alice.next(ServerFrame.UserJoined.class).data().username()).isEqualTo("bob");
        TestClient bobDesk = server.connect("/ws/general?token=" + token, java.util.Map.of());
        bobDesk.next(ServerFrame.Connected.class);
        ServerFrame.JoinedRoom second = bobDesk.next(ServerFrame.JoinedRoom.class);
        assertThat(second.data().members()).extracting(ServerFrame.Member::username).containsExactly("alice", "bob");
        assertThat(alice.quietFor(200)).as("no second user_joined").isTrue();
        bobPhone.closeBlocking();
        assertThat(alice.quietFor(300)).as("bob is still here on his desk").isTrue();
        bobDesk.closeBlocking();
        assertThat(alice.next(ServerFrame.UserLeft.class).data().username()).isEqualTo("bob");
    }

    private String bobToken() {
        TestClient client = server.connect();
        client.next(ServerFrame.Hello.class);
        client.send(new ClientFrame.Login("l", new ClientFrame.Credentials("bob", "password-bob")));
        String token = client.next(ServerFrame.Connected.class).data().token();
        client.close();
        return token;
    }

    @Test
    void userListShowsRegisteredMembersAndOnlineGuests() throws Exception {
        TestClient carol = server.registered("carol");
        TestServer.join(carol, "general");
        carol.closeBlocking();
        TestClient alice = server.guestIn("alice", "general");
        alice.send(new ClientFrame.UserList("u", GENERAL));
        ServerFrame.UserList list = alice.next(ServerFrame.UserList.class);
        assertThat(list.replyTo()).isEqualTo("u");
        assertThat(list.data().users()).extracting(ServerFrame.Presence::username, ServerFrame.Presence::online)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("carol", false),
                        org.assertj.core.groups.Tuple.tuple("alice", true));
    }

    @Test
    void listRoomsShowsEveryRoomWithMembersAndLastSeq() {
        TestClient alice = server.guestIn("alice", "general");
        TestServer.join(alice, "random");
        alice.send(dev.confab.server.testing.Frames.send("random", "hi", null));
        alice.await(ServerFrame.Message.class);
        alice.send(new ClientFrame.ListRooms("r"));
        ServerFrame.RoomList rooms = alice.next(ServerFrame.RoomList.class);
        assertThat(rooms.replyTo()).isEqualTo("r");
        assertThat(rooms.data().rooms()).extracting(r -> r.room().value(), ServerFrame.RoomSummary::members,
                        ServerFrame.RoomSummary::lastSeq)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("general", 1, 0L),
                        org.assertj.core.groups.Tuple.tuple("random", 1, 1L));
    }

    @Test
    void typingGoesToTheOthersOnly() {
        TestClient alice = server.guestIn("alice", "general");
        TestClient bob = server.guestIn("bob", "general");
        alice.next(ServerFrame.UserJoined.class);
        alice.send(new ClientFrame.Typing(null, GENERAL));
        ServerFrame.Typing typing = bob.next(ServerFrame.Typing.class);
        assertThat(typing.data().username()).isEqualTo("alice");
        assertThat(alice.quietFor(200)).isTrue();
    }

    @Test
    void roomFramesOutsideTheRoomGetNotInRoom() {
        TestClient alice = server.guest("alice");
        alice.send(new ClientFrame.Typing("t", GENERAL));
        assertThat(alice.nextError(ErrorCode.NOT_IN_ROOM).replyTo()).isEqualTo("t");
        alice.send(dev.confab.server.testing.Frames.send("general", "hello", null));
        alice.nextError(ErrorCode.NOT_IN_ROOM);
        alice.send(new ClientFrame.History("h", GENERAL, null));
        alice.nextError(ErrorCode.NOT_IN_ROOM);
        alice.send(new ClientFrame.UserList("u", GENERAL));
        alice.nextError(ErrorCode.NOT_IN_ROOM);
        alice.send(new ClientFrame.EditMessage("e", GENERAL, new ClientFrame.Edit(1L,
                dev.confab.protocol.MessageContent.of("x"))));
        alice.nextError(ErrorCode.NOT_IN_ROOM);
        alice.send(new ClientFrame.DeleteMessage("d", GENERAL, new ClientFrame.SeqRef(1L)));
        alice.nextError(ErrorCode.NOT_IN_ROOM);
    }

    @Test
    void pingAnswersPong() {
        TestClient alice = server.guest("alice");
        alice.send(new ClientFrame.Ping("p1"));
        ServerFrame.Pong pong = alice.next(ServerFrame.Pong.class);
        assertThat(pong.replyTo()).isEqualTo("p1");
        assertThat(pong.data().timestamp()).isNotNull();
    }
}
