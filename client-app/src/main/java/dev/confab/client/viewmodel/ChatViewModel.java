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
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * The main window: rooms, the selected room's messages and members, the composer and the connection state.
 * Commands go to the session on a background executor, so the FX thread never waits for the disk or the network.
 */
public final class ChatViewModel {
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
    private final ReadOnlyStringWrapper windowTitle = new ReadOnlyStringWrapper("Confab");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper toast = new ReadOnlyStringWrapper("");
    private final ObservableList<RoomItem> rooms = FXCollections.observableArrayList();
    private final ObservableList<MemberView> members = FXCollections.observableArrayList();
    private final ObservableList<String> hostAddresses = FXCollections.observableArrayList();
    private final ObservableList<String> directory = FXCollections.observableArrayList();
    private final ObjectProperty<@Nullable RoomName> selectedRoom = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Timeline> timeline;
    private final BooleanProperty windowFocused = new SimpleBooleanProperty(true);
    private final Map<RoomName, Timeline> timelines = new HashMap<>();
    private final Map<RoomName, List<MemberView>> membersByRoom = new HashMap<>();
    private final Map<RoomName, List<String>> typingByRoom = new HashMap<>();
    private final Map<RoomName, String> drafts = new HashMap<>();
    private final Set<String> muted;

    ChatViewModel(ChatSession session, Executor commands, Desktop desktop, Settings settings, String serverKey,
                  Clock clock) {
        this.session = session;
        this.commands = commands;
        this.desktop = desktop;
        this.settings = settings;
        this.serverKey = serverKey;
        this.clock = clock;
        this.muted = settings.muted(serverKey);
        this.timeline = new ReadOnlyObjectWrapper<>(new Timeline(clock.getZone()));
        selectedRoom.addListener((obs, old, room) -> {
            if (old != null) {
                drafts.put(old, composer.draftProperty().get());
            }
            showRoom(room);
        });
    }

    // ---- properties ----

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
        return windowTitle.getReadOnlyProperty();
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
        return rooms;
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
        return timeline.getReadOnlyProperty();
    }

    public BooleanProperty windowFocusedProperty() {
        return windowFocused;
    }

    // ---- commands ----

    /** Sends the draft (or saves the edit); blank drafts do nothing. */
    public void send() {
        String text = composer.draftProperty().get().strip();
        RoomName room = selectedRoom.get();
        if (text.isEmpty() || room == null) {
            return;
        }
        try {
            MessageContent.of(text);
        } catch (ProtocolViolation e) {
            notice.set(Texts.get("problem.tooLong", MessageContent.MAX_CODE_POINTS));
            return;
        }
        MessageItem edit = composer.editingProperty().get();
        MessageItem reply = composer.replyingToProperty().get();
        composer.clear();
        notice.set("");
        if (edit != null) {
            commands.execute(() -> session.edit(room, edit.line().seq(), text));
        } else {
            Long replyTo = reply == null ? null : reply.line().seq();
            commands.execute(() -> session.send(room, text, replyTo));
        }
    }

    /** Up arrow in an empty composer: edit the newest own message. */
    public boolean editLast() {
        if (!composer.draftProperty().get().isEmpty()) {
            return false;
        }
        MessageItem last = timeline.get().lastOwnEditable();
        if (last == null) {
            return false;
        }
        edit(last);
        return true;
    }

    public void edit(MessageItem item) {
        if (!item.line().own() || item.line().pending() || item.line().deleted()) {
            return;
        }
        composer.replyingToProperty().set(null);
        composer.editingProperty().set(item);
        composer.draftProperty().set(item.line().content());
    }

    public void replyTo(MessageItem item) {
        if (item.line().pending() || item.line().deleted()) {
            return;
        }
        composer.editingProperty().set(null);
        composer.replyingToProperty().set(item);
    }

    /** Esc: drops the reply or the edit (an edit's text too). True when there was something to cancel. */
    public boolean cancel() {
        if (composer.editingProperty().get() != null) {
            composer.clear();
            return true;
        }
        if (composer.replyingToProperty().get() != null) {
            composer.replyingToProperty().set(null);
            return true;
        }
        return false;
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
        if (room != null && !composer.draftProperty().get().isBlank() && composer.editingProperty().get() == null) {
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
        if (!muted.remove(room.value())) {
            muted.add(room.value());
        }
        settings.muted(serverKey, muted);
        rooms.replaceAll(r -> r.room().equals(room) ? new RoomItem(r.room(), r.unread(), r.mentioned(),
                muted.contains(room.value())) : r);
    }

    /** Alt+Up / Alt+Down. */
    public void selectRelative(int delta) {
        int index = indexOfSelected();
        if (rooms.isEmpty()) {
            return;
        }
        int next = Math.floorMod((index < 0 ? 0 : index) + delta, rooms.size());
        selectedRoom.set(rooms.get(next).room());
    }

    /** Ctrl+Shift+Up / Down: the next room with unread messages in that direction. */
    public void selectUnread(int delta) {
        int index = indexOfSelected();
        for (int step = 1; step <= rooms.size(); step++) {
            RoomItem candidate = rooms.get(Math.floorMod(index + delta * step, rooms.size()));
            if (candidate.unread() > 0) {
                selectedRoom.set(candidate.room());
                return;
            }
        }
    }

    public void loadOlder() {
        RoomName room = selectedRoom.get();
        if (room != null && timeline.get().hasOlderProperty().get()) {
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
            case SessionEvent.RoomsChanged r -> onRooms(r);
            case SessionEvent.TimelineChanged t -> timelineOf(t.room()).apply(t.lines(), t.hasOlder());
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

    private void onRooms(SessionEvent.RoomsChanged event) {
        rooms.setAll(event.rooms().stream()
                .map(r -> new RoomItem(r.room(), r.unread(), r.mentioned(), muted.contains(r.room().value())))
                .toList());
        List<String> names = rooms.stream().map(r -> r.room().value()).toList();
        if (!names.equals(settings.rooms(serverKey))) {
            // Written only when the set of rooms changes, not on every unread count.
            settings.rooms(serverKey, names);
        }
        RoomName selected = selectedRoom.get();
        if (selected == null || rooms.stream().noneMatch(r -> r.room().equals(selected))) {
            String last = settings.lastRoom(serverKey).orElse("");
            selectedRoom.set(rooms.stream().map(RoomItem::room).filter(r -> r.value().equals(last)).findFirst()
                    .orElse(rooms.isEmpty() ? null : rooms.getFirst().room()));
        }
        updateTitle();
    }

    private void onArrived(SessionEvent.MessageArrived event) {
        ChatLine line = event.line();
        boolean here = line.room().equals(selectedRoom.get()) && windowFocused.get();
        boolean isMuted = muted.contains(line.room().value());
        if (here || isMuted && !event.mentionsMe() || !event.mentionsMe() && windowFocused.get()) {
            return;
        }
        String title = event.mentionsMe() ? Texts.get("notify.mention", line.author(), line.room().value())
                : Texts.get("notify.message", line.author(), line.room().value());
        String body = ComposerModel.oneLine(line.content());
        if (!desktop.notify(title, body)) {
            toast.set(title + " — " + body);
        }
    }

    private void showRoom(@Nullable RoomName room) {
        commands.execute(() -> session.focus(room));
        if (room == null) {
            return;
        }
        settings.lastRoom(serverKey, room.value());
        timeline.set(timelineOf(room));
        members.setAll(membersByRoom.getOrDefault(room, List.of()));
        typingText.set(typingSentence(typingByRoom.getOrDefault(room, List.of())));
        // Each room keeps its own unsent draft: switching rooms never throws away what was typed.
        composer.clear();
        composer.draftProperty().set(drafts.getOrDefault(room, ""));
        composer.room(room.value());
        updateTitle();
    }

    private Timeline timelineOf(RoomName room) {
        return timelines.computeIfAbsent(room, r -> new Timeline(clock.getZone()));
    }

    private int indexOfSelected() {
        for (int i = 0; i < rooms.size(); i++) {
            if (rooms.get(i).room().equals(selectedRoom.get())) {
                return i;
            }
        }
        return -1;
    }

    private void updateTitle() {
        int unread = rooms.stream().mapToInt(RoomItem::unread).sum();
        RoomName room = selectedRoom.get();
        String base = room == null ? "Confab" : "#" + room.value() + " — Confab";
        windowTitle.set(unread > 0 ? "(" + unread + ") " + base : base);
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
