package dev.confab.server.store;

/**
 * The outcome of an append: the stored message, and whether it had been stored before under the same
 * (user, room, client id), in which case nothing new was created and nothing should be broadcast.
 */
public record AppendResult(StoredMessage message, boolean duplicate) {
}
