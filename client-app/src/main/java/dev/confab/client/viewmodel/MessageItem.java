package dev.confab.client.viewmodel;

import dev.confab.client.session.ChatLine;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * One row of the message list.
 *
 * @param startsGroup true when the row shows the author's name and avatar (a new author, or over 5 minutes since
 *                    the previous message, or a new day)
 * @param dayBreak the day to announce above this row ("Today", "Yesterday", a date), when it starts a new day
 */
public record MessageItem(ChatLine line, boolean startsGroup, @Nullable LocalDate dayBreak) {
}
