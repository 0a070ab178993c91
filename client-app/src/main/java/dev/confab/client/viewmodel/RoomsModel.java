package dev.confab.client.viewmodel;

import dev.confab.client.session.RoomView;
import dev.confab.client.settings.Settings;
import dev.confab.protocol.RoomName;
import java.util.List;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * The sidebar's rooms: their unread counts and mute state, the room selection and moving it with the keyboard, and
 * the window title with the total unread count. Remembers the rooms, the mutes and the last room per server.
 */
final class RoomsModel {
    private final Settings settings;
    private final String serverKey;
    private final ObjectProperty<@Nullable RoomName> selected;
    private final ObservableList<RoomItem> rooms = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper windowTitle = new ReadOnlyStringWrapper(Texts.get("app.title"));
    private final Set<String> muted;

    RoomsModel(Settings settings, String serverKey, ObjectProperty<@Nullable RoomName> selected) {
        this.settings = settings;
        this.serverKey = serverKey;
        this.selected = selected;
        this.muted = settings.muted(serverKey);
    }

    ObservableList<RoomItem> items() {
        return rooms;
    }

    ReadOnlyStringProperty windowTitleProperty() {
        return windowTitle.getReadOnlyProperty();
    }

    boolean muted(RoomName room) {
        return muted.contains(room.value());
    }

    void toggleMute(RoomName room) {
        if (!muted.remove(room.value())) {
            muted.add(room.value());
        }
        settings.muted(serverKey, muted);
        rooms.replaceAll(r -> r.room().equals(room) ? new RoomItem(r.room(), r.unread(), r.mentioned(),
                muted(room)) : r);
        updateTitle();
    }

    /** The session's rooms changed: show them, remember them, and keep a room selected. */
    void update(List<RoomView> views) {
        rooms.setAll(views.stream().map(r -> new RoomItem(r.room(), r.unread(), r.mentioned(), muted(r.room())))
                .toList());
        List<String> names = rooms.stream().map(r -> r.room().value()).toList();
        if (!names.equals(settings.rooms(serverKey))) {
            // Written only when the set of rooms changes, not on every unread count.
            settings.rooms(serverKey, names);
        }
        RoomName current = selected.get();
        if (current == null || rooms.stream().noneMatch(r -> r.room().equals(current))) {
            String last = settings.lastRoom(serverKey).orElse("");
            selected.set(rooms.stream().map(RoomItem::room).filter(r -> r.value().equals(last)).findFirst()
                    .orElse(rooms.isEmpty() ? null : rooms.getFirst().room()));
        }
        updateTitle();
    }

    /** Alt+Up / Alt+Down. */
    void selectRelative(int delta) {
        int index = indexOfSelected();
        if (rooms.isEmpty()) {
            return;
        }
        int next = Math.floorMod((index < 0 ? 0 : index) + delta, rooms.size());
        selected.set(rooms.get(next).room());
    }

    /** Ctrl+Shift+Up / Down: the next room with unread messages in that direction. */
    void selectUnread(int delta) {
        int index = indexOfSelected();
        for (int step = 1; step <= rooms.size(); step++) {
            RoomItem candidate = rooms.get(Math.floorMod(index + delta * step, rooms.size()));
            if (candidate.unread() > 0) {
                selected.set(candidate.room());
                return;
            }
        }
    }

    void updateTitle() {
        // Muted rooms keep their (grey) count in the sidebar but do not add to the title's total.
        int unread = rooms.stream().filter(r -> !r.muted()).mapToInt(RoomItem::unread).sum();
        RoomName room = selected.get();
        String base = room == null ? Texts.get("app.title") : Texts.get("window.titleRoom", room.value());
        windowTitle.set(unread > 0 ? Texts.get("window.titleUnread", unread, base) : base);
    }

    private int indexOfSelected() {
        for (int i = 0; i < rooms.size(); i++) {
            if (rooms.get(i).room().equals(selected.get())) {
                return i;
            }
        }
        return -1;
    }
}
