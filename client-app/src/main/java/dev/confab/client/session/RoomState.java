package dev.confab.client.session;

import dev.confab.protocol.RoomName;
import dev.confab.protocol.ServerFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** What the session knows about one room. Not thread-safe: the session guards it. */
final class RoomState {
    private static final int PREVIEW_CHARS = 80;

    final RoomName room;
    private final TreeMap<Long, ChatLine> stored = new TreeMap<>();
    /**
     * {@code stored}'s values in order, kept while messages only append (the common case), so a snapshot of a long
     * room is an array copy, not a walk of the tree; null when it has to be rebuilt.
     */
    private @Nullable ArrayList<ChatLine> storedInOrder = new ArrayList<>();
    private final LinkedHashMap<String, ChatLine> pending = new LinkedHashMap<>();
    private final Map<String, MemberView> members = new LinkedHashMap<>();
    private final Map<String, Instant> typing = new LinkedHashMap<>();
    @Nullable String epoch;
    boolean joined;
    boolean hasOlder;
    boolean loadingOlder;
    /** Joined with {@code since} from the read mark, holding nothing before it: the newest page must follow. */
    boolean needsNewestPage;
    /** The room's newest seq as far as this client knows (from joined_room and live messages). */
    long lastSeq;
    int unread;
    boolean mentioned;

    RoomState(RoomName room) {
        this.room = room;
    }

    /** The highest seq held, or null when none. */
    @Nullable Long highestSeq() {
        return stored.isEmpty() ? null : stored.lastKey();
    }

    @Nullable Long lowestSeq() {
        return stored.isEmpty() ? null : stored.firstKey();
    }

    boolean isEmpty() {
        return stored.isEmpty();
    }

    /** Forgets every stored message (the server's history was replaced: a new epoch). */
    void dropHistory() {
        stored.clear();
        storedInOrder = new ArrayList<>();
        lastSeq = 0;
        hasOlder = false;
    }

    /** Adds or replaces a stored message; true when it was new to this client. */
    boolean putStored(ServerFrame.Message frame, @Nullable String me) {
        ChatLine line = toLine(frame, me);
        if (line.clientId() != null && line.own()) {
            pending.remove(line.clientId());
        }
        ChatLine held = stored.get(line.seq());
        if (line.equals(held)) {
            // Seen before (a history page overlapping the catch-up, a repeated echo): keep the held object.
            return false;
        }
        boolean appends = stored.isEmpty() || line.seq() > stored.lastKey();
        ChatLine before = stored.put(line.seq(), line);
        if (appends && storedInOrder != null) {
            storedInOrder.add(line);
        } else {
            storedInOrder = null;
        }
        return before == null;
    }

    void putPending(ChatLine line) {
        pending.put(line.clientId(), line);
    }

    void markPending(String clientId, Delivery delivery) {
        ChatLine line = pending.get(clientId);
        if (line != null) {
            pending.put(clientId, line.withDelivery(delivery));
        }
    }

    /** Waiting for its echo (not failed). */
    boolean isPending(String clientId) {
        ChatLine line = pending.get(clientId);
        return line != null && line.delivery() == Delivery.PENDING;
    }

    boolean hasPending(String clientId) {
        return pending.containsKey(clientId);
    }

    void edit(long seq, String content) {
        ChatLine line = stored.get(seq);
        if (line != null) {
            stored.put(seq, line.withContent(content));
            storedInOrder = null;
        }
    }

    void delete(long seq) {
        ChatLine line = stored.get(seq);
        if (line != null) {
            stored.put(seq, line.asDeleted());
            storedInOrder = null;
        }
    }

    @Nullable ChatLine line(long seq) {
        return stored.get(seq);
    }

    /** Stored messages by seq, then pending ones: an immutable snapshot. */
    List<ChatLine> lines() {
        ArrayList<ChatLine> inOrder = storedInOrder;
        if (inOrder == null) {
            inOrder = new ArrayList<>(stored.values());
            storedInOrder = inOrder;
        }
        if (pending.isEmpty()) {
            return List.copyOf(inOrder);
        }
        List<ChatLine> all = new ArrayList<>(inOrder.size() + pending.size());
        all.addAll(inOrder);
        all.addAll(pending.values());
        return List.copyOf(all);
    }

    void members(List<MemberView> list) {
        members.clear();
        list.forEach(m -> members.put(m.username().toLowerCase(Locale.ROOT), m));
    }

    void presence(String username, boolean online) {
        members.put(username.toLowerCase(Locale.ROOT), new MemberView(username, online));
        if (!online) {
            typing.remove(username);
        }
    }

    List<MemberView> members() {
        return members.values().stream()
                .sorted(Comparator.comparing((MemberView m) -> !m.online())
                        .thenComparing(m -> m.username().toLowerCase(Locale.ROOT)))
                .toList();
    }

    void typing(String username, Instant until) {
        typing.put(username, until);
    }

    /** Drops typing marks that ran out; true when any did. */
    boolean expireTyping(Instant now) {
        return typing.values().removeIf(until -> !until.isAfter(now));
    }

    /** True when the user was shown as typing. */
    boolean clearTyping(String username) {
        return typing.keySet().removeIf(name -> name.equalsIgnoreCase(username));
    }

    List<String> typingNames() {
        return List.copyOf(typing.keySet());
    }

    boolean anyTyping() {
        return !typing.isEmpty();
    }

    RoomView view() {
        return new RoomView(room, unread, mentioned);
    }

    private ChatLine toLine(ServerFrame.Message frame, @Nullable String me) {
        ServerFrame.ChatMessage m = frame.data();
        String author = m.username() != null ? m.username() : frame.sender();
        boolean own = me != null && author.equalsIgnoreCase(me);
        if (m.wasDeleted()) {
            return new ChatLine(room, m.seq(), null, author, "", frame.timestamp(), null, null, false, true,
                    Delivery.SENT, own);
        }
        return new ChatLine(room, m.seq(), m.clientId(), author, m.content() == null ? "" : m.content(),
                frame.timestamp(), m.replyTo(), preview(m.replyTo()), m.editedAt() != null, false,
                Delivery.SENT, own);
    }

    /** "bob: anyone up for lunch?" for the quoted line of a reply, when the original is known. */
    @Nullable String preview(@Nullable Long seq) {
        if (seq == null) {
            return null;
        }
        ChatLine original = stored.get(seq);
        if (original == null) {
            return null;
        }
        if (original.deleted()) {
            return original.author() + ": …";
        }
        String firstLine = original.content().lines().findFirst().orElse("");
        String shortened = firstLine.length() > PREVIEW_CHARS ? firstLine.substring(0, PREVIEW_CHARS) + "…" : firstLine;
        return original.author() + ": " + shortened;
    }
}
