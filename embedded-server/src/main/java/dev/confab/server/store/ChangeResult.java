package dev.confab.server.store;

/** The outcome of an edit or a delete. */
public sealed interface ChangeResult {

    /** The change is stored; {@code message} is the message as it now is. */
    record Changed(StoredMessage message) implements ChangeResult {
    }

    /** No message with that seq in that room, or it is already deleted. */
    record NotFound() implements ChangeResult {
    }

    /** The message exists but belongs to someone else. */
    record NotAuthor() implements ChangeResult {
    }
}
