/** Where the app keeps things on disk: settings, tokens (owner-only), the outbox and the hosted room's data. */
@NullMarked
package dev.confab.client.settings;

import org.jspecify.annotations.NullMarked;
