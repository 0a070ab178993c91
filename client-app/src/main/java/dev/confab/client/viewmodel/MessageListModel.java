package dev.confab.client.viewmodel;

import dev.confab.client.session.ChatLine;
import dev.confab.protocol.RoomName;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The message list's state: one {@link Timeline} per room, kept while other rooms are shown (so switching back
 * rebuilds nothing and keeps the rows the list already measured), and which of them is on screen. Where the list
 * is scrolled and "Jump to latest" stay in the view, since they depend on how rows lay out.
 */
final class MessageListModel {
    private final ZoneId zone;
    private final Map<RoomName, Timeline> timelines = new HashMap<>();
    private final ReadOnlyObjectWrapper<Timeline> shown;

    MessageListModel(ZoneId zone) {
        this.zone = zone;
        // An empty list until a room is chosen, so the view always has a timeline to bind to.
        this.shown = new ReadOnlyObjectWrapper<>(new Timeline(zone));
    }

    ReadOnlyObjectProperty<Timeline> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    Timeline shown() {
        return shown.get();
    }

    /** A room's newest snapshot from the session; applied even when the room is not shown. */
    void apply(RoomName room, List<ChatLine> lines, boolean hasOlder) {
        timelineOf(room).apply(lines, hasOlder);
    }

    void show(RoomName room) {
        shown.set(timelineOf(room));
    }

    /** Whether scrolling to the top should ask for an older page: not when the room's whole history is held. */
    boolean hasOlder() {
        return shown.get().hasOlderProperty().get();
    }

    private Timeline timelineOf(RoomName room) {
        return timelines.computeIfAbsent(room, r -> new Timeline(zone));
    }
}
