package dev.confab.client.viewmodel;

import dev.confab.client.net.InviteLink;
import dev.confab.client.net.ServerAddress;
import dev.confab.client.session.ChatLine;
import dev.confab.client.session.ChatSession;
import dev.confab.client.session.MemberView;
import dev.confab.client.session.SessionEvent;
import dev.confab.client.settings.Settings;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.MessageContent;
import dev.confab.protocol.ProtocolViolation;
import dev.confab.protocol.RoomName;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main window: rooms, the selected room's messages and members, the composer and the connection state.
 * Commands go to the session on a background executor, so the FX thread never waits for the disk or the network.
 */
public final class ChatViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(ChatViewModel.class);

    private final ChatSession session;
    private final Executor commands;
    private final Desktop desktop;
    private final Settings settings;
    private final String serverKey;
    private final Clock clock;

    private final ConnectionStatusModel status = new ConnectionStatusModel();
    private final ComposerModel composer = new ComposerModel();
    private final ReadOnlyStringWrapper serverName = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper username = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper typingText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper toast = new ReadOnlyStringWrapper("");
    private final ObservableList<MemberView> members = FXCollections.observableArrayList();
    private final ObservableList<String> hostAddresses = FXCollections.observableArrayList();
    private final ObservableList<String> directory = FXCollections.observableArrayList();
    private final ObjectProperty<@Nullable RoomName> selectedRoom = new SimpleObjectProperty<>();
    private final BooleanProperty windowFocused = new SimpleBooleanProperty(true);
    private final Map<RoomName, List<MemberView>> membersByRoom = new HashMap<>();
    private final Map<RoomName, List<String>> typingByRoom = new HashMap<>();
    private final RoomsModel rooms;
    private final MessageListModel messages;
    private Executor fx = Runnable::run;

    ChatViewModel(ChatSession session, Executor commands, Desktop desktop, Settings settings, String serverKey,
                  Clock clock) {
        this.session = session;
        this.commands = commands;
        this.desktop = desktop;
        this.settings = settings;
        this.serverKey = serverKey;
        this.clock = clock;
        this.rooms = new RoomsModel(settings, serverKey, selectedRoom);
        this.messages = new MessageListModel(clock.getZone());
        selectedRoom.addListener((obs, old, room) -> {
            if (old != null) {
                composer.leaveRoom(old);
            }
            showRoom(room);
        });
    }

    // ---- properties ----

    /** The account dialog's model (change password, sign out everywhere); a fresh one per dialog. */
    public AccountViewModel account() {
        return new AccountViewModel(session, commands, fx);
    }

    /** Where answers to account requests are handled: the FX thread (set by the app's model). */
    void fx(Executor value) {
        fx = value;
    }

    public ConnectionStatusModel status() {
        return status;
    }

    public ComposerModel composer() {
        return composer;
    }

    public ReadOnlyStringProperty serverNameProperty() {
        return serverName.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty usernameProperty() {
        return username.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty typingTextProperty() {
        return typingText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty windowTitleProperty() {
        return rooms.windowTitleProperty();
    }

    /** A short-lived problem sentence ("You're sending messages too fast"). */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** An in-app notification, used where the desktop has none. */
    public ReadOnlyStringProperty toastProperty() {
        return toast.getReadOnlyProperty();
    }

    public ObservableList<RoomItem> rooms() {
        return rooms.items();
    }

    public ObservableList<MemberView> members() {
        return members;
    }

    /** Where others can join the room this computer hosts; empty when not hosting. */
    public ObservableList<String> hostAddresses() {
        return hostAddresses;
    }

    /** The link into the selected room of the room this computer hosts; empty when not hosting. */
    public String inviteLink() {
        if (hostAddresses.isEmpty()) {
            return "";
        }
        return ServerAddress.parse(hostAddresses.getFirst())
                .map(server -> new InviteLink(server, selectedRoom.get()).toLink()).orElse("");
    }

    /** A short invitation to paste into mail or chat: the link and, for those without the app yet, the address. */
    public String inviteText() {
        return hostAddresses.isEmpty() ? "" : Texts.get("host.inviteText", inviteLink(), hostAddresses.getFirst());
    }

    /** Rooms the server has, for the join dialog. */
    public ObservableList<String> directory() {
        return directory;
    }

    public ObjectProperty<@Nullable RoomName> selectedRoomProperty() {
        return selectedRoom;
    }

    /** The selected room's message rows. */
    public ReadOnlyObjectProperty<Timeline> timelineProperty() {
        return messages.shownProperty();
    }

    public BooleanProperty windowFocusedProperty() {
        return windowFocused;
    }

    // ---- commands ----

    /** Sends the draft (or saves the edit); blank drafts do nothing. */
    public void send() {
        RoomName room = selectedRoom.get();
        if (room == null) {
            return;
        }
        switch (composer.submit()) {
            case ComposerModel.Submission.Nothing n -> { /* a blank draft sends nothing */ }
            case ComposerModel.Submission.TooLong t ->
                    notice.set(Texts.get("problem.tooLong", MessageContent.MAX_CODE_POINTS));
            case ComposerModel.Submission.Edit e -> {
                notice.set("");
                commands.execute(() -> session.edit(room, e.seq(), e.text()));
            }
            case ComposerModel.Submission.NewMessage m -> {
                notice.set("");
                commands.execute(() -> store(room, m));
            }
        }
    }

    /** On the command thread: the message goes to the outbox, or, when that fails, back to the composer. */
    private void store(RoomName room, ComposerModel.Submission.NewMessage message) {
        try {
            session.send(room, message.text(), message.replyTo());
        } catch (UncheckedIOException e) {
            // Handled here, once: the session neither showed nor sent it, so the composer holds the only copy.
            LOG.error("Could not store a message for #{} in the outbox; it goes back to the composer", room, e);
            fx.execute(() -> {
                composer.giveBack(room, message.text());
                notice.set(Texts.get("problem.outboxWrite"));
            });
        }
    }

    /** Up arrow in an empty composer: edit the newest own message. */
    public boolean editLast() {
        return composer.editLast(messages.shown());
    }

    public void edit(MessageItem item) {
        composer.edit(item);
    }

    public void replyTo(MessageItem item) {
        composer.replyTo(item);
    }

    /** Esc: drops the reply or the edit (an edit's text too). True when there was something to cancel. */
    public boolean cancel() {
        return composer.cancel();
    }

    public void delete(MessageItem item) {
        ChatLine line = item.line();
        if (line.own() && !line.pending() && !line.deleted()) {
            commands.execute(() -> session.delete(line.room(), line.seq()));
        }
    }

    public void retry(MessageItem item) {
        ChatLine line = item.line();
        if (line.clientId() != null) {
            commands.execute(() -> session.retry(line.room(), line.clientId()));
        }
    }

    public void copy(MessageItem item) {
        desktop.copyToClipboard(item.line().content());
    }

    public void copyText(String text) {
        desktop.copyToClipboard(text);
    }

    public void openLink(String url) {
        desktop.openLink(url);
    }

    /** The user typed in the composer. */
    public void typed() {
        RoomName room = selectedRoom.get();
        if (room != null && composer.typingIsNews()) {
            commands.execute(() -> session.typing(room));
        }
    }

    /** Joins (or creates) a room by what the user typed; the error sentence when the name cannot be a room. */
    public Optional<String> joinRoom(String typed) {
        String name = typed.strip().replaceFirst("^#", "").strip().toLowerCase(Locale.ROOT).replace(' ', '-');
        RoomName room;
        try {
            room = RoomName.of(name);
        } catch (ProtocolViolation e) {
            return Optional.of(Texts.get("rooms.invalid"));
        }
        commands.execute(() -> session.join(room));
        selectedRoom.set(room);
        return Optional.empty();
    }

    public void leave(RoomName room) {
        commands.execute(() -> session.leave(room));
    }

    public void toggleMute(RoomName room) {
        rooms.toggleMute(room);
    }

    /** Alt+Up / Alt+Down. */
    public void selectRelative(int delta) {
        rooms.selectRelative(delta);
    }

    /** Ctrl+Shift+Up / Down: the next room with unread messages in that direction. */
    public void selectUnread(int delta) {
        rooms.selectUnread(delta);
    }

    public void loadOlder() {
        RoomName room = selectedRoom.get();
        if (room != null && messages.hasOlder()) {
            commands.execute(() -> session.loadOlder(room));
        }
    }

    public void retryNow() {
        commands.execute(session::retryNow);
    }

    public void refreshDirectory() {
        commands.execute(session::listRooms);
    }

    /** Where the pane dividers were left (rooms | messages | members), as fractions of the width. */
    public double[] paneDividers() {
        return settings.paneDividers().orElse(new double[] {0.2, 0.82});
    }

    public void paneDividersMoved(double left, double right) {
        settings.paneDividers(left, right);
    }

    public void dismissToast() {
        toast.set("");
    }

    // ---- events ----

    void handle(SessionEvent event) {
        switch (event) {
            case SessionEvent.StatusChanged s -> status.apply(s.status(), clock.instant());
            case SessionEvent.SignedIn s -> {
                username.set(s.username());
                serverName.set(s.serverName());
            }
            case SessionEvent.RoomsChanged r -> rooms.update(r.rooms());
            case SessionEvent.TimelineChanged t -> messages.apply(t.room(), t.lines(), t.hasOlder());
            case SessionEvent.MembersChanged m -> {
                membersByRoom.put(m.room(), m.members());
                if (m.room().equals(selectedRoom.get())) {
                    members.setAll(m.members());
                }
            }
            case SessionEvent.TypingChanged t -> {
                typingByRoom.put(t.room(), t.usernames());
                if (t.room().equals(selectedRoom.get())) {
                    typingText.set(typingSentence(t.usernames()));
                }
            }
            case SessionEvent.MessageArrived m -> onArrived(m);
            case SessionEvent.ServerProblem p -> notice.set(problemText(p.code()));
            case SessionEvent.Directory d -> directory.setAll(d.rooms().stream().map(r -> r.room().value()).toList());
            case SessionEvent.SignInNeeded s -> { /* handled by AppViewModel */ }
        }
    }

    void hosting(List<String> addresses) {
        hostAddresses.setAll(addresses);
    }

    private void onArrived(SessionEvent.MessageArrived event) {
        ChatLine line = event.line();
        NotificationPolicy.decide(line, event.mentionsMe(), selectedRoom.get(), windowFocused.get(),
                rooms.muted(line.room())).ifPresent(notice -> {
                    if (!desktop.notify(notice.title(), notice.body())) {
                        toast.set(notice.oneLine());
                    }
                });
    }

    private void showRoom(@Nullable RoomName room) {
        commands.execute(() -> session.focus(room));
        if (room == null) {
            return;
        }
        settings.lastRoom(serverKey, room.value());
        messages.show(room);
        members.setAll(membersByRoom.getOrDefault(room, List.of()));
        typingText.set(typingSentence(typingByRoom.getOrDefault(room, List.of())));
        composer.enterRoom(room);
        rooms.updateTitle();
    }

    static String typingSentence(List<String> names) {
        return switch (names.size()) {
            case 0 -> "";
            case 1 -> Texts.get("typing.one", names.get(0));
            case 2 -> Texts.get("typing.two", names.get(0), names.get(1));
            default -> Texts.get("typing.many");
        };
    }

    static String problemText(ErrorCode code) {
        return switch (code) {
            case RATE_LIMITED -> Texts.get("problem.rateLimited");
            case TOO_LARGE -> Texts.get("problem.tooLong", MessageContent.MAX_CODE_POINTS);
            case FORBIDDEN -> Texts.get("problem.forbidden");
            case NOT_FOUND -> Texts.get("problem.notFound");
            case NOT_IN_ROOM -> Texts.get("problem.notInRoom");
            default -> Texts.get("problem.generic");
        };
    }
}
