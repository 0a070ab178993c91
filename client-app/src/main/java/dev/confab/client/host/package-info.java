/** Hosting a room on this computer: the only part of the app that knows the embedded server. */
@NullMarked
package dev.confab.client.host;

import org.jspecify.annotations.NullMarked;
