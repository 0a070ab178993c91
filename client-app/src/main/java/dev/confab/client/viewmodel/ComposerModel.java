package dev.confab.client.viewmodel;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.jspecify.annotations.Nullable;

/** The message box: its text, and the message it replies to or edits. */
public final class ComposerModel {
    private final StringProperty draft = new SimpleStringProperty("");
    private final ObjectProperty<@Nullable MessageItem> replyingTo = new SimpleObjectProperty<>();
    private final ObjectProperty<@Nullable MessageItem> editing = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper banner = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper prompt = new ReadOnlyStringWrapper("");

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

    void room(String roomName) {
        prompt.set(Texts.get("composer.prompt", roomName));
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
