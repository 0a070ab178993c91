package dev.confab.client.viewmodel;

import dev.confab.client.session.ChatLine;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.ModifiableObservableListBase;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * The rows of one room's message list. A new snapshot of the room is applied as the smallest change: rows that
 * stay the same at the start and the end are kept, and the middle is replaced in one go. Appending a burst of
 * messages is one {@code addAll}, so the list view updates once per pulse, not once per message.
 */
public final class Timeline {
    /** Messages by one author within this gap share a group. */
    public static final Duration GROUP_GAP = Duration.ofMinutes(5);

    private final RowList items = new RowList();
    private final ReadOnlyBooleanWrapper hasOlder = new ReadOnlyBooleanWrapper();
    private final ZoneId zone;

    Timeline(ZoneId zone) {
        this.zone = zone;
    }

    public ObservableList<MessageItem> items() {
        return items;
    }

    public ReadOnlyBooleanProperty hasOlderProperty() {
        return hasOlder.getReadOnlyProperty();
    }

    void apply(List<ChatLine> lines, boolean older) {
        hasOlder.set(older);
        List<MessageItem> next = rows(lines);
        int oldSize = items.size();
        int newSize = next.size();
        int prefix = 0;
        while (prefix < oldSize && prefix < newSize && items.get(prefix).equals(next.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < oldSize - prefix && suffix < newSize - prefix
                && items.get(oldSize - 1 - suffix).equals(next.get(newSize - 1 - suffix))) {
            suffix++;
        }
        int oldEnd = oldSize - suffix;
        int newEnd = newSize - suffix;
        if (prefix == oldEnd && prefix == newEnd) {
            return;
        }
        items.replace(prefix, oldEnd, next.subList(prefix, newEnd));
    }

    /** The newest message of the user's own that can still be edited. */
    @Nullable MessageItem lastOwnEditable() {
        for (int i = items.size() - 1; i >= 0; i--) {
            ChatLine line = items.get(i).line();
            if (line.own() && !line.deleted() && !line.pending()) {
                return items.get(i);
            }
        }
        return null;
    }

    private List<MessageItem> rows(List<ChatLine> lines) {
        List<MessageItem> rows = new ArrayList<>(lines.size());
        ChatLine previous = null;
        for (ChatLine line : lines) {
            LocalDate day = LocalDate.ofInstant(line.time(), zone);
            boolean newDay = previous == null || !day.equals(LocalDate.ofInstant(previous.time(), zone));
            boolean grouped = previous != null && !newDay && !previous.deleted()
                    && previous.author().equalsIgnoreCase(line.author())
                    && Duration.between(previous.time(), line.time()).compareTo(GROUP_GAP) <= 0;
            rows.add(new MessageItem(line, !grouped, newDay ? day : null));
            previous = line;
        }
        return rows;
    }

    /** An observable list that can replace a range of rows as one change. */
    private static final class RowList extends ModifiableObservableListBase<MessageItem> {
        private final List<MessageItem> rows = new ArrayList<>();

        void replace(int from, int to, List<MessageItem> replacement) {
            beginChange();
            try {
                for (int i = to - 1; i >= from; i--) {
                    remove(i);
                }
                addAll(from, replacement);
            } finally {
                endChange();
            }
        }

        @Override
        public MessageItem get(int index) {
            return rows.get(index);
        }

        @Override
        public int size() {
            return rows.size();
        }

        @Override
        protected void doAdd(int index, MessageItem element) {
            rows.add(index, element);
        }

        @Override
        protected MessageItem doSet(int index, MessageItem element) {
            return rows.set(index, element);
        }

        @Override
        protected MessageItem doRemove(int index) {
            return rows.remove(index);
        }
    }
}
