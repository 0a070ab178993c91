package dev.confab.server;

import static dev.confab.server.testing.Frames.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.MessageContent;
import dev.confab.protocol.RoomName;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.testing.Frames;
import dev.confab.server.testing.TestClient;
import dev.confab.server.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MessagesTest {
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
    void aStoredMessageGoesToEveryMemberWithItsSeq() {
        server = TestServer.start(dir);
        TestClient alice = server.guestIn("alice", "general");
        TestClient bob = server.guestIn("bob", "general");
        alice.next(ServerFrame.UserJoined.class);
        alice.send(new ClientFrame.SendMessage("s1", GENERAL, new ClientFrame.Outgoing(MessageContent.of("hello"),
                dev.confab.protocol.ClientId.of("c1"), null, metadata("{\"color\":\"blue\"}"))));
        ServerFrame.Message echo = alice.next(ServerFrame.Message.class);
        ServerFrame.Message copy = bob.next(ServerFrame.Message.class);
        assertThat(echo.replyTo()).as("the echo answers the request").isEqualTo("s1");
        assertThat(copy.replyTo()).as("the others' copy answers nothing").isNull();
        for (ServerFrame.Message message : List.of(echo, copy)) {
            assertThat(message.sender()).isEqualTo("alice");
            assertThat(message.room()).isEqualTo(GENERAL);
            assertThat(message.data().seq()).isEqualTo(1);
            assertThat(message.data().content()).isEqualTo("hello");
            assertThat(message.data().clientId()).isEqualTo("c1");
            assertThat(message.data().username()).isEqualTo("alice");
            assertThat(message.data().metadata()).hasToString("{\"color\":\"blue\"}");
        }
    }

    @Test
    void aResentClientIdGoesBackToTheSenderAloneAndCreatesNothing() {
        server = TestServer.start(dir);
        TestClient alice = server.guestIn("alice", "general");
        TestClient bob = server.guestIn("bob", "general");
        alice.next(ServerFrame.UserJoined.class);
        alice.send(send("general", "once", "c-1"));
        assertThat(alice.next(ServerFrame.Message.class).data().seq()).isEqualTo(1);
        bob.next(ServerFrame.Message.class);
        alice.send(new ClientFrame.SendMessage("again", GENERAL, new ClientFrame.Outgoing(
                MessageContent.of("twice?"), dev.confab.protocol.ClientId.of("c-1"), null, null)));
        ServerFrame.Message echo = alice.next(ServerFrame.Message.class);
        assertThat(echo.replyTo()).isEqualTo("again");
        assertThat(echo.data().seq()).isEqualTo(1);
        assertThat(echo.data().content()).isEqualTo("once");
        assertThat(bob.quietFor(300)).isTrue();
        assertThat(server.store().lastSeq(GENERAL)).isEqualTo(1);
    }

    @Test
    void historyPagesBackwardsOldestFirst() {
        server = TestServer.start(dir);
        TestClient alice = server.guestIn("alice", "general");
        sendAll(alice, 7);
        alice.send(new ClientFrame.History("h1", GENERAL, new ClientFrame.HistoryQuery(null, 3)));
        ServerFrame.History newest = alice.next(ServerFrame.History.class);
        assertThat(newest.replyTo()).isEqualTo("h1");
        assertThat(seqs(newest.data().messages())).containsExactly(5L, 6L, 7L);
        assertThat(newest.data().hasMore()).isTrue();
        alice.send(new ClientFrame.History("h2", GENERAL, new ClientFrame.HistoryQuery(5L, 4)));
        ServerFrame.History older = alice.next(ServerFrame.History.class);
        assertThat(seqs(older.data().messages())).containsExactly(1L, 2L, 3L, 4L);
        assertThat(older.data().hasMore()).isFalse();
    }

    @Test
    void authorEditsAndDeletesOthersGetForbiddenOrNotFound() {
        server = TestServer.start(dir);
        TestClient alice = server.guestIn("alice", "general");
        TestClient bob = server.guestIn("bob", "general");
        alice.next(ServerFrame.UserJoined.class);
        alice.send(send("general", "draft", null));
        alice.next(ServerFrame.Message.class);
        bob.next(ServerFrame.Message.class);

        bob.send(new ClientFrame.EditMessage("e1", GENERAL, new ClientFrame.Edit(1L, MessageContent.of("mine"))));
        assertThat(bob.nextError(ErrorCode.FORBIDDEN).replyTo()).isEqualTo("e1");
        bob.send(new ClientFrame.DeleteMessage("d1", GENERAL, new ClientFrame.SeqRef(1L)));
        bob.nextError(ErrorCode.FORBIDDEN);
        alice.send(new ClientFrame.EditMessage("e2", GENERAL, new ClientFrame.Edit(9L, MessageContent.of("x"))));
        alice.nextError(ErrorCode.NOT_FOUND);

        alice.send(new ClientFrame.EditMessage("e3", GENERAL, new ClientFrame.Edit(1L, MessageContent.of("final"))));
        assertThat(alice.next(ServerFrame.MessageEdited.class).replyTo()).isEqualTo("e3");
        assertThat(bob.next(ServerFrame.MessageEdited.class).replyTo()).isNull();
        alice.send(new ClientFrame.History("h0", GENERAL, null));
        assertThat(alice.next(ServerFrame.History.class).data().messages().get(0).data().editedAt()).isNotNull();
        alice.send(new ClientFrame.EditMessage(null, GENERAL, new ClientFrame.Edit(1L, MessageContent.of("final"))));
        for (TestClient client : List.of(alice, bob)) {
            ServerFrame.MessageEdited edited = client.next(ServerFrame.MessageEdited.class);
            assertThat(edited.replyTo()).isNull();
            assertThat(edited.data().seq()).isEqualTo(1);
            assertThat(edited.data().content()).isEqualTo("final");
            assertThat(edited.data().editedAt()).isNotNull();
        }
        alice.send(new ClientFrame.DeleteMessage("d2", GENERAL, new ClientFrame.SeqRef(1L)));
        for (TestClient client : List.of(alice, bob)) {
            assertThat(client.next(ServerFrame.MessageDeleted.class).data().seq()).isEqualTo(1);
        }
        alice.send(new ClientFrame.History("h", GENERAL, null));
        ServerFrame.Message deletedMessage = alice.next(ServerFrame.History.class).data().messages().get(0);
        assertThat(deletedMessage.sender()).as("the envelope still names the author").isEqualTo("alice");
        ServerFrame.ChatMessage deleted = deletedMessage.data();
        assertThat(deleted.userId()).isNull();
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.content()).isNull();
        assertThat(deleted.seq()).isEqualTo(1);
        alice.send(new ClientFrame.DeleteMessage("d3", GENERAL, new ClientFrame.SeqRef(1L)));
        alice.nextError(ErrorCode.NOT_FOUND);
    }

    @Test
    void sinceReplaysExactlyTheMissedMessagesInOrderBeforeJoinedRoom() {
        server = TestServer.start(dir);
        TestClient alice = server.guestIn("alice", "general");
        sendAll(alice, 5);
        alice.send(new ClientFrame.DeleteMessage(null, GENERAL, new ClientFrame.SeqRef(4L)));
        alice.next(ServerFrame.MessageDeleted.class);
        TestClient bob = server.guest("bob");
        bob.send(Frames.joinSince("general", 2));
        assertThat(bob.next(ServerFrame.Message.class).data().seq()).isEqualTo(3);
        ServerFrame.Message fourth = bob.next(ServerFrame.Message.class);
        assertThat(fourth.data().seq()).isEqualTo(4);
        assertThat(fourth.data().deleted()).isTrue();
        assertThat(bob.next(ServerFrame.Message.class).data().seq()).isEqualTo(5);
        ServerFrame.JoinedRoom joined = bob.next(ServerFrame.JoinedRoom.class);
        assertThat(joined.data().lastSeq()).isEqualTo(5);
        assertThat(joined.data().hasMore()).isFalse();
    }

    @Test
    void replayStopsAtTheLimitAndSaysMoreRemain() {
        server = TestServer.start(dir, b -> b.replayLimit(3));
        TestClient alice = server.guestIn("alice", "general");
        sendAll(alice, 6);
        TestClient bob = server.guest("bob");
        bob.send(Frames.joinSince("general", 0));
        assertThat(IntStream.range(0, 3).mapToObj(i -> bob.next(ServerFrame.Message.class).data().seq()))
                .containsExactly(1L, 2L, 3L);
        ServerFrame.JoinedRoom joined = bob.next(ServerFrame.JoinedRoom.class);
        assertThat(joined.data().hasMore()).isTrue();
        assertThat(joined.data().lastSeq()).isEqualTo(6);
    }

    @Test
    void contentOverTheConfiguredLimitIsTooLarge() {
        server = TestServer.start(dir, b -> b.maxContentChars(10));
        TestClient alice = server.guestIn("alice", "general");
        alice.send(new ClientFrame.SendMessage("big", GENERAL, new ClientFrame.Outgoing(
                MessageContent.of("x".repeat(11)), null, null, null)));
        assertThat(alice.nextError(ErrorCode.TOO_LARGE).replyTo()).isEqualTo("big");
        assertThat(server.store().lastSeq(GENERAL)).isZero();
    }

    @Test
    void malformedFramesGetTheirPreciseErrorAndTheConnectionStaysUsable() {
        server = TestServer.start(dir);
        TestClient alice = server.guestIn("alice", "general");
        TestClient bob = server.guestIn("bob", "general");
        alice.next(ServerFrame.UserJoined.class);
        alice.send("hello");
        alice.nextError(ErrorCode.INVALID_JSON);
        alice.send("[1,2]");
        alice.nextError(ErrorCode.INVALID_JSON);
        alice.send("{\"type\":\"admin\",\"id\":\"x1\"}");
        assertThat(alice.nextError(ErrorCode.UNKNOWN_TYPE).replyTo()).isEqualTo("x1");
        alice.send("{\"type\":\"send_message\",\"id\":\"x2\",\"room\":\"general\"}");
        assertThat(alice.nextError(ErrorCode.INVALID_MESSAGE).replyTo()).isEqualTo("x2");
        alice.send("{\"type\":\"join_room\",\"id\":\"x3\",\"room\":\"Not A Room\"}");
        assertThat(alice.nextError(ErrorCode.INVALID_MESSAGE).replyTo()).isEqualTo("x3");
        alice.send("{\"type\":\"send_message\",\"room\":\"general\",\"data\":{\"content\":\"   \"}}");
        alice.nextError(ErrorCode.INVALID_MESSAGE);
        alice.send("[".repeat(10_000));
        alice.nextError(ErrorCode.TOO_LARGE);
        alice.send(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}));
        alice.nextError(ErrorCode.INVALID_JSON);
        alice.send(send("general", "still here", null));
        assertThat(alice.next(ServerFrame.Message.class).data().content()).isEqualTo("still here");
        assertThat(bob.next(ServerFrame.Message.class).data().content()).isEqualTo("still here");
    }

    /** Bad input 32: the protocol is text only, so a binary frame is refused even when it holds a valid frame. */
    @Test
    void aBinaryFrameIsRefusedEvenWhenItCarriesValidJson() {
        server = TestServer.start(dir);
        TestClient alice = server.guestIn("alice", "general");
        TestClient bob = server.guestIn("bob", "general");
        alice.next(ServerFrame.UserJoined.class);
        String json = dev.confab.protocol.FrameCodec.forClient().encode(send("general", "sent as bytes", "c1"));
        alice.send(java.nio.ByteBuffer.wrap(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        ServerFrame.ErrorFrame refused = alice.nextError(ErrorCode.INVALID_JSON);
        assertThat(refused.data().error()).startsWith("Frames must be text");
        alice.send(java.nio.ByteBuffer.wrap(dev.confab.protocol.FrameCodec.forClient()
                .encode(new ClientFrame.Ping("p")).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        alice.nextError(ErrorCode.INVALID_JSON);
        assertThat(server.store().lastSeq(GENERAL)).as("nothing stored").isZero();

        // The same bytes as a text frame are a good message: it was the frame type that was refused.
        alice.send(json);
        ServerFrame.Message stored = alice.next(ServerFrame.Message.class);
        assertThat(stored.data().seq()).isEqualTo(1);
        assertThat(bob.next(ServerFrame.Message.class).data().content())
                .as("the first frame bob gets: the binary one was not relayed").isEqualTo("sent as bytes");
    }

    @Test
    void aFailedWriteIsAnsweredWithInternalErrorNeverDropped() {
        server = TestServer.start(dir);
        TestClient alice = server.guestIn("alice", "general");
        server.store().close();
        alice.send(new ClientFrame.SendMessage("s", GENERAL, new ClientFrame.Outgoing(MessageContent.of("lost?"),
                null, null, null)));
        ServerFrame.ErrorFrame error = alice.nextError(ErrorCode.INTERNAL_ERROR);
        assertThat(error.replyTo()).isEqualTo("s");
        assertThat(error.data().error()).contains("not stored");
        alice.send(new ClientFrame.History("h", GENERAL, null));
        ServerFrame.ErrorFrame readFailed = alice.nextError(ErrorCode.INTERNAL_ERROR);
        assertThat(readFailed.replyTo()).isEqualTo("h");
        assertThat(readFailed.room()).isEqualTo(GENERAL);
        alice.send(new ClientFrame.Ping("p"));
        alice.next(ServerFrame.Pong.class);
    }

    @Test
    void historySurvivesARestart() {
        server = TestServer.start(dir);
        TestClient alice = server.guestIn("alice", "general");
        sendAll(alice, 3);
        String epoch = server.store().epoch();
        server.close();
        server = TestServer.start(dir);
        TestClient bob = server.guest("bob");
        bob.send(Frames.joinSince("general", 0));
        assertThat(IntStream.range(0, 3).mapToObj(i -> bob.next(ServerFrame.Message.class).data().content()))
                .containsExactly("m1", "m2", "m3");
        assertThat(bob.next(ServerFrame.JoinedRoom.class).data().epoch()).isEqualTo(epoch);
    }

    private static void sendAll(TestClient client, int count) {
        for (int i = 1; i <= count; i++) {
            client.send(send("general", "m" + i, "c" + i));
            assertThat(client.next(ServerFrame.Message.class).data().seq()).isEqualTo(i);
        }
    }

    private static List<Long> seqs(List<ServerFrame.Message> messages) {
        return messages.stream().map(m -> m.data().seq()).toList();
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode metadata(String json) {
        return dev.confab.protocol.FrameCodec.create().readObject(json).orElseThrow();
    }
}
