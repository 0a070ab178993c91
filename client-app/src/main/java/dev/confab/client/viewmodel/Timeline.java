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
 * The rows of one room's message list. A new snapshot of the room is applied as the smallest change: rows whose
 * lines stay the same at the start and the end are kept, and only the middle is built and replaced, in one list
 * change. Appending a burst of messages costs the new rows and one {@code addAll}: the list view keeps its cells
 * and updates once per pulse, not once per message, however long the room.
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
        int oldSize = items.size();
        int newSize = lines.size();
        // Lines that did not change are the same objects from snapshot to snapshot, so finding the changed range
        // is a reference comparison per row; rows are built only for that range. An append is O(new lines).
        int prefix = 0;
        int common = Math.min(oldSize, newSize);
        while (prefix < common && same(items.get(prefix).line(), lines.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < oldSize - prefix && suffix < newSize - prefix
                && same(items.get(oldSize - 1 - suffix).line(), lines.get(newSize - 1 - suffix))) {
            suffix++;
        }
        if (prefix == oldSize - suffix && prefix == newSize - suffix) {
            return;
        }
        if (suffix > 0) {
            // The first row after the change follows a different line now: its grouping may differ.
            suffix--;
        }
        int oldEnd = oldSize - suffix;
        int newEnd = newSize - suffix;
        List<MessageItem> next = rows(lines.subList(prefix, newEnd), prefix == 0 ? null : lines.get(prefix - 1));
        // Rows that come out equal stay (their cells are not refilled).
        int from = 0;
        while (from < next.size() && prefix + from < oldEnd && next.get(from).equals(items.get(prefix + from))) {
            from++;
        }
        int to = next.size();
        while (to > from && oldEnd - (next.size() - to) - 1 >= prefix + from
                && next.get(to - 1).equals(items.get(oldEnd - (next.size() - to) - 1))) {
            to--;
        }
        int removeTo = oldEnd - (next.size() - to);
        if (prefix + from == removeTo && from == to) {
            return;
        }
        items.replace(prefix + from, removeTo, next.subList(from, to));
    }

    private static boolean same(ChatLine a, ChatLine b) {
        return a == b || a.equals(b);
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

    /** Rows for {@code lines}, which follow {@code previous} (null at the top). */
    private List<MessageItem> rows(List<ChatLine> lines, @Nullable ChatLine previous) {
        List<MessageItem> rows = new ArrayList<>(lines.size());
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

        /** Replaces rows {@code from..to} (exclusive) in one change, in bulk. */
        void replace(int from, int to, List<MessageItem> replacement) {
            beginChange();
            try {
                if (to > from) {
                    List<MessageItem> range = rows.subList(from, to);
                    List<MessageItem> removed = new ArrayList<>(range);
                    range.clear();
                    nextRemove(from, removed);
                }
                if (!replacement.isEmpty()) {
                    rows.addAll(from, replacement);
                    nextAdd(from, from + replacement.size());
                }
                modCount++;
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
