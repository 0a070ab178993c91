package dev.confab.client.viewmodel;

import dev.confab.client.session.ChatLine;
import dev.confab.protocol.RoomName;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which new messages deserve a notification. None for the room in view while the window has focus; a mention of
 * the user always (even in a muted room, even with the window focused but another room in view); any other
 * message only while the window is unfocused and only from rooms that are not muted. Where the notification goes
 * (the desktop's tray, or the in-app toast when the desktop has none) is the caller's business.
 */
final class NotificationPolicy {
    private NotificationPolicy() {
    }

    /** A notification to show. */
    record Notice(String title, String body) {
        /** The toast's one line. */
        String oneLine() {
            return title + " — " + body;
        }
    }

    static Optional<Notice> decide(ChatLine line, boolean mentionsMe, @Nullable RoomName inView,
                                   boolean windowFocused, boolean muted) {
        boolean seen = windowFocused && line.room().equals(inView);
        if (seen || !mentionsMe && (muted || windowFocused)) {
            return Optional.empty();
        }
        String title = mentionsMe ? Texts.get("notify.mention", line.author(), line.room().value())
                : Texts.get("notify.message", line.author(), line.room().value());
        return Optional.of(new Notice(title, ComposerModel.oneLine(line.content())));
    }
}
