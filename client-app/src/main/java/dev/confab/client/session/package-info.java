/**
 * The chat session: what the client knows about its server (rooms, members, messages, unread counts, typing)
 * and the durable outbox. Driven by frames from the network layer and commands from the UI; reports changes as
 * {@link dev.confab.client.session.SessionEvent}s. No JavaFX here.
 */
@NullMarked
package dev.confab.client.session;

import org.jspecify.annotations.NullMarked;
