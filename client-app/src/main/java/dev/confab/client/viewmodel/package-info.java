/**
 * View models: JavaFX properties and commands, one per screen. They import no {@code Node}, so tests drive
 * them without a robot; views bind to them and delegate user actions to them.
 */
@NullMarked
package dev.confab.client.viewmodel;

import org.jspecify.annotations.NullMarked;
