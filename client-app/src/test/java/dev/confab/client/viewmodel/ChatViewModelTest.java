package dev.confab.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.net.DropReason;
import dev.confab.client.net.ServerAddress;
import dev.confab.client.session.Delivery;
import dev.confab.client.session.SessionEvent;
import dev.confab.client.session.SessionStatus;
import dev.confab.client.settings.Settings;
import dev.confab.client.testing.TestFrames;
import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.RoomName;
import dev.confab.client.session.FileOutbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class ChatViewModelTest {
    private static final RoomName GENERAL = RoomName.of("general");

    @TempDir
    Path dir;
    private final Clock clock = Clock.fixed(TestFrames.T0, ZoneOffset.UTC);
    private final ViewModelFixtures.RecordingDesktop desktop = new ViewModelFixtures.RecordingDesktop();
    private ViewModelFixtures.FakeConnector connector;
    private AppViewModel app;
    private ChatViewModel chat;

    @BeforeEach
    void signIn() {
        connector = new ViewModelFixtures.FakeConnector(dir, clock);
        app = AppViewModel.create(connector, desktop, Settings.load(dir.resolve("settings.properties")),
                Runnable::run, Runnable::run, clock, "alice");
        app.start().addressProperty().set("10.0.0.5");
        app.start().join();
        connector.session.onFrame(TestFrames.hello(true, true));
        connector.session.onFrame(TestFrames.connected("alice"));
        connector.session.onFrame(TestFrames.joined("general", 0, "e1", false, "alice", "bob"));
        chat = app.chatProperty().get();
    }

    @AfterEach
    void stop() {
        app.shutdown();
    }

    @Test
    void selectsGeneralAndPromptsForIt() {
        assertThat(chat.selectedRoomProperty().get()).isEqualTo(GENERAL);
        assertThat(chat.composer().promptProperty().get()).isEqualTo("Message #general");
        assertThat(chat.status().textProperty().get()).isEqualTo("Connected");
        assertThat(chat.members()).extracting(m -> m.username()).containsExactly("alice", "bob");
    }

    @Test
    void sendingShowsThePendingMessageAtOnceAndClearsTheComposer() {
        chat.composer().draftProperty().set("  hello there  ");
        chat.send();
        assertThat(chat.composer().draftProperty().get()).isEmpty();
        assertThat(chat.timelineProperty().get().items()).singleElement().satisfies(item -> {
            assertThat(item.line().content()).isEqualTo("hello there");
            assertThat(item.line().delivery()).isEqualTo(Delivery.PENDING);
        });
        assertThat(connector.transport.sentOf(ClientFrame.SendMessage.class)).hasSize(1);
    }

    @Test
    void aMessageTheOutboxCannotStoreGoesBackToTheComposerWithTheReason() throws Exception {
        // The outbox rewrites itself through outbox.properties.tmp: a directory there makes every write fail.
        Path blocker = Files.createDirectory(dir.resolve("outbox.properties.tmp"));
        chat.composer().draftProperty().set("  do not lose me  ");
        chat.send();
        assertThat(chat.composer().draftProperty().get()).isEqualTo("do not lose me");
        assertThat(chat.noticeProperty().get()).isEqualTo(Texts.get("problem.outboxWrite"));
        assertThat(chat.timelineProperty().get().items()).isEmpty();
        assertThat(connector.transport.sentOf(ClientFrame.SendMessage.class)).isEmpty();

        Files.delete(blocker);
        chat.send();
        assertThat(chat.composer().draftProperty().get()).isEmpty();
        assertThat(chat.noticeProperty().get()).isEmpty();
        // Once: the failed attempt left nothing behind in the outbox to be sent again with it.
        assertThat(connector.transport.sentOf(ClientFrame.SendMessage.class)).singleElement()
                .satisfies(frame -> assertThat(frame.data().content().value()).isEqualTo("do not lose me"));
        assertThat(FileOutbox.open(dir.resolve("outbox.properties")).entries()).singleElement()
                .satisfies(entry -> assertThat(entry.content()).isEqualTo("do not lose me"));
    }

    @Test
    void aMessageThatCouldNotBeStoredComesBackBeforeWhatWasTypedSince() {
        chat.composer().enterRoom(GENERAL);
        chat.composer().draftProperty().set("typed since");
        chat.composer().giveBack(GENERAL, "first try");
        assertThat(chat.composer().draftProperty().get()).isEqualTo("first try\ntyped since");
        RoomName other = RoomName.of("random");
        chat.composer().giveBack(other, "for random");
        chat.composer().leaveRoom(GENERAL);
        chat.composer().enterRoom(other);
        assertThat(chat.composer().draftProperty().get()).isEqualTo("for random");
    }

    @Test
    void eachRoomKeepsItsUnsentDraft() {
        chat.composer().draftProperty().set("half a thought");
        chat.joinRoom("builds");
        assertThat(chat.composer().draftProperty().get()).isEmpty();
        chat.composer().draftProperty().set("about the build");
        chat.selectedRoomProperty().set(GENERAL);
        assertThat(chat.composer().draftProperty().get()).isEqualTo("half a thought");
        chat.selectedRoomProperty().set(RoomName.of("builds"));
        assertThat(chat.composer().draftProperty().get()).isEqualTo("about the build");
    }

    @Test
    void blankDraftsAreNotSent() {
        chat.composer().draftProperty().set("   \n ");
        chat.send();
        assertThat(connector.transport.sentOf(ClientFrame.SendMessage.class)).isEmpty();
    }

    @Test
    void upEditsTheLastOwnMessageAndEscapeCancels() {
        connector.session.onFrame(TestFrames.message("general", 1, "alice", "frist", "c1"));
        connector.session.onFrame(TestFrames.message("general", 2, "bob", "hi", null));
        assertThat(chat.editLast()).isTrue();
        assertThat(chat.composer().draftProperty().get()).isEqualTo("frist");
        assertThat(chat.composer().bannerProperty().get()).startsWith("Editing your message");
        chat.composer().draftProperty().set("first");
        chat.send();
        ClientFrame.EditMessage edit = connector.transport.sentOf(ClientFrame.EditMessage.class).getFirst();
        assertThat(edit.data().seq()).isEqualTo(1L);
        assertThat(edit.data().content().value()).isEqualTo("first");

        assertThat(chat.editLast()).isTrue();
        assertThat(chat.cancel()).isTrue();
        assertThat(chat.composer().draftProperty().get()).isEmpty();
        assertThat(chat.composer().editingProperty().get()).isNull();
        assertThat(chat.cancel()).isFalse();
    }

    @Test
    void replyQuotesTheOriginalAndSendsItsSeq() {
        connector.session.onFrame(TestFrames.message("general", 5, "bob", "anyone up for lunch?", null));
        chat.replyTo(chat.timelineProperty().get().items().getFirst());
        assertThat(chat.composer().bannerProperty().get()).contains("bob: anyone up for lunch?");
        chat.composer().draftProperty().set("sure, 12:30?");
        chat.send();
        assertThat(connector.transport.sentOf(ClientFrame.SendMessage.class).getFirst().data().replyTo())
                .isEqualTo(5L);
        assertThat(chat.timelineProperty().get().items().getLast().line().replyPreview())
                .isEqualTo("bob: anyone up for lunch?");
    }

    @Test
    void deleteIsOfferedOnlyForOwnMessages() {
        connector.session.onFrame(TestFrames.message("general", 1, "bob", "theirs", null));
        connector.session.onFrame(TestFrames.message("general", 2, "alice", "mine", "c2"));
        chat.delete(chat.timelineProperty().get().items().get(0));
        chat.delete(chat.timelineProperty().get().items().get(1));
        assertThat(connector.transport.sentOf(ClientFrame.DeleteMessage.class)).singleElement()
                .satisfies(d -> assertThat(d.data().seq()).isEqualTo(2L));
    }

    @Test
    void unreadCountsShowInRoomsAndTitleAndNotifyWhileUnfocused() {
        chat.joinRoom("#Builds");
        connector.session.onFrame(TestFrames.joined("builds", 0, "e1", false, "alice"));
        chat.selectedRoomProperty().set(GENERAL);
        chat.windowFocusedProperty().set(false);
        connector.session.onFrame(TestFrames.message("builds", 1, "bob", "build 12 passed", null));
        assertThat(chat.rooms()).filteredOn(r -> r.room().value().equals("builds"))
                .singleElement().satisfies(r -> assertThat(r.unread()).isEqualTo(1));
        assertThat(chat.windowTitleProperty().get()).isEqualTo("(1) #general — Confab");
        // No desktop notifications here: the app falls back to an in-app toast.
        assertThat(chat.toastProperty().get()).isEqualTo("bob in #builds — build 12 passed");

        desktop.hasTray = true;
        connector.session.onFrame(TestFrames.message("builds", 2, "bob", "@alice look", null));
        assertThat(desktop.notified).containsExactly("bob mentioned you in #builds: @alice look");

        chat.toggleMute(RoomName.of("builds"));
        connector.session.onFrame(TestFrames.message("builds", 3, "bob", "muted now", null));
        assertThat(desktop.notified).hasSize(1);

        chat.selectedRoomProperty().set(RoomName.of("builds"));
        assertThat(chat.windowTitleProperty().get()).isEqualTo("#builds — Confab");
    }

    @Test
    void noNotificationForTheRoomInViewWhileFocused() {
        desktop.hasTray = true;
        connector.session.onFrame(TestFrames.message("general", 1, "bob", "hello alice", null));
        assertThat(desktop.notified).isEmpty();
        assertThat(chat.toastProperty().get()).isEmpty();
    }

    @Test
    void invalidRoomNamesAreExplained() {
        assertThat(chat.joinRoom("no/slashes")).contains(
                "Room names use a-z, 0-9, _ . : - and start with a letter or digit.");
        assertThat(chat.joinRoom("Lunch Plans")).isEmpty();
        assertThat(chat.selectedRoomProperty().get()).isEqualTo(RoomName.of("lunch-plans"));
    }

    @Test
    void altArrowsCycleRoomsAndCtrlShiftJumpsToUnread() {
        chat.joinRoom("a");
        chat.joinRoom("b");
        connector.session.onFrame(TestFrames.joined("a", 0, "e1", false, "alice"));
        connector.session.onFrame(TestFrames.joined("b", 0, "e1", false, "alice"));
        chat.selectedRoomProperty().set(GENERAL);
        chat.selectRelative(1);
        assertThat(chat.selectedRoomProperty().get().value()).isEqualTo("a");
        chat.selectRelative(-2);
        assertThat(chat.selectedRoomProperty().get().value()).isEqualTo("b");
        chat.selectedRoomProperty().set(GENERAL);
        connector.session.onFrame(TestFrames.message("b", 1, "bob", "over here", null));
        chat.selectUnread(1);
        assertThat(chat.selectedRoomProperty().get().value()).isEqualTo("b");
    }

    @Test
    void connectionStateIsAlwaysInWordsWithACountdown() {
        chat.handle(new SessionEvent.StatusChanged(new SessionStatus.Reconnecting(TestFrames.T0.plusSeconds(4))));
        assertThat(chat.status().textProperty().get()).isEqualTo("Reconnecting in 4 s…");
        assertThat(chat.status().levelProperty().get()).isEqualTo(ConnectionLevel.RECONNECTING);
        chat.status().tick(TestFrames.T0.plusMillis(2500));
        assertThat(chat.status().textProperty().get()).isEqualTo("Reconnecting in 2 s…");
        chat.handle(new SessionEvent.StatusChanged(new SessionStatus.Offline(DropReason.LOST)));
        assertThat(chat.status().levelProperty().get()).isEqualTo(ConnectionLevel.OFFLINE);
        assertThat(chat.status().retryVisibleProperty().get()).isTrue();
        chat.retryNow();
        assertThat(connector.transport.connects).isEqualTo(2);
    }

    @Test
    void typingIsSaidInWords() {
        connector.session.onFrame(TestFrames.typing("general", "bob"));
        assertThat(chat.typingTextProperty().get()).isEqualTo("bob is typing…");
        assertThat(ChatViewModel.typingSentence(List.of("bob", "carol"))).isEqualTo("bob and carol are typing…");
    }

    @Test
    void hostAddressesCanBeCopied() {
        chat.hosting(List.of("192.168.1.20:7480"));
        chat.copyText(chat.hostAddresses().getFirst());
        assertThat(desktop.copied).containsExactly("192.168.1.20:7480");
        assertThat(ServerAddress.parse(desktop.copied.getFirst())).isPresent();
    }
}
