package dev.confab.client.viewmodel;

import dev.confab.protocol.MessageContent;
import dev.confab.protocol.ProtocolViolation;
import dev.confab.protocol.RoomName;
import java.util.HashMap;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.jspecify.annotations.Nullable;

/**
 * The message box: its text, the message it replies to or edits, and the keys that act on them (Enter submits,
 * Up edits the last own message, Esc cancels). Each room keeps its own draft. What to send is handed back as a
 * {@link Submission}; the chat view model sends it, so this class knows nothing of the session.
 */
public final class ComposerModel {
    private final StringProperty draft = new SimpleStringProperty("");
    private final ObjectProperty<@Nullable MessageItem> replyingTo = new SimpleObjectProperty<>();
    private final ObjectProperty<@Nullable MessageItem> editing = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper banner = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper prompt = new ReadOnlyStringWrapper("");
    private final Map<RoomName, String> drafts = new HashMap<>();
    private @Nullable RoomName room;

    /** What Enter in the composer asks for. */
    sealed interface Submission {
        /** A blank draft: nothing to do. */
        record Nothing() implements Submission {
        }

        /** Longer than a message may be: the draft stays, so nothing typed is lost. */
        record TooLong() implements Submission {
        }

        /** A new message, perhaps a reply. */
        record NewMessage(String text, @Nullable Long replyTo) implements Submission {
        }

        /** The edited text of the message with that seq. */
        record Edit(long seq, String text) implements Submission {
        }
    }

    ComposerModel() {
        replyingTo.addListener((obs, old, now) -> updateBanner());
        editing.addListener((obs, old, now) -> updateBanner());
    }

    public StringProperty draftProperty() {
        return draft;
    }

    public ObjectProperty<@Nullable MessageItem> replyingToProperty() {
        return replyingTo;
    }

    public ObjectProperty<@Nullable MessageItem> editingProperty() {
        return editing;
    }

    /** "Replying to bob: anyone up for lunch?" or "Editing your message", empty otherwise. */
    public ReadOnlyStringProperty bannerProperty() {
        return banner.getReadOnlyProperty();
    }

    /** "Message #general". */
    public ReadOnlyStringProperty promptProperty() {
        return prompt.getReadOnlyProperty();
    }

    /** Enter: takes the draft (stripped) as a message or an edit and clears the composer, unless it is unfit. */
    Submission submit() {
        String text = draft.get().strip();
        if (text.isEmpty()) {
            return new Submission.Nothing();
        }
        try {
            MessageContent.of(text);
        } catch (ProtocolViolation e) {
            return new Submission.TooLong();
        }
        MessageItem edit = editing.get();
        MessageItem reply = replyingTo.get();
        clear();
        if (edit != null) {
            return new Submission.Edit(edit.line().seq(), text);
        }
        return new Submission.NewMessage(text, reply == null ? null : reply.line().seq());
    }

    /** Up arrow in an empty composer: edit the newest own message. True when there was one to edit. */
    boolean editLast(Timeline timeline) {
        if (!draft.get().isEmpty()) {
            return false;
        }
        MessageItem last = timeline.lastOwnEditable();
        if (last == null) {
            return false;
        }
        edit(last);
        return true;
    }

    /** Puts an own, delivered message's text in the box to be edited (a reply under way is dropped). */
    void edit(MessageItem item) {
        if (!item.line().own() || item.line().pending() || item.line().deleted()) {
            return;
        }
        replyingTo.set(null);
        editing.set(item);
        draft.set(item.line().content());
    }

    /** Quotes a delivered message above the box; the draft stays, an edit under way is dropped. */
    void replyTo(MessageItem item) {
        if (item.line().pending() || item.line().deleted()) {
            return;
        }
        editing.set(null);
        replyingTo.set(item);
    }

    /** Esc: drops the reply or the edit (an edit's text too). True when there was something to cancel. */
    boolean cancel() {
        if (editing.get() != null) {
            clear();
            return true;
        }
        if (replyingTo.get() != null) {
            replyingTo.set(null);
            return true;
        }
        return false;
    }

    /** Whether a keystroke is worth a typing frame: not for a blank box, and an edit is not news to the room. */
    boolean typingIsNews() {
        return !draft.get().isBlank() && editing.get() == null;
    }

    /** The user is leaving that room: its unsent draft is kept for when they come back. */
    void leaveRoom(RoomName room) {
        drafts.put(room, draft.get());
    }

    /** Shows the room's own draft; switching rooms never throws away what was typed. */
    void enterRoom(RoomName room) {
        this.room = room;
        clear();
        draft.set(drafts.getOrDefault(room, ""));
        prompt.set(Texts.get("composer.prompt", room.value()));
    }

    /**
     * A message that could not be stored comes back to its room's box, before anything typed since, so nothing
     * the user wrote is lost.
     */
    void giveBack(RoomName to, String text) {
        if (to.equals(room)) {
            draft.set(joined(text, draft.get()));
        } else {
            drafts.put(to, joined(text, drafts.getOrDefault(to, "")));
        }
    }

    private static String joined(String first, String then) {
        return then.isBlank() ? first : first + "\n" + then;
    }

    void clear() {
        draft.set("");
        replyingTo.set(null);
        editing.set(null);
    }

    private void updateBanner() {
        MessageItem edit = editing.get();
        MessageItem reply = replyingTo.get();
        if (edit != null) {
            banner.set(Texts.get("composer.editing"));
        } else if (reply != null) {
            banner.set(Texts.get("composer.replying", reply.line().author(), oneLine(reply.line().content())));
        } else {
            banner.set("");
        }
    }

    static String oneLine(String text) {
        String first = text.lines().findFirst().orElse("");
        return first.length() > 60 ? first.substring(0, 60) + "…" : first;
    }
}
