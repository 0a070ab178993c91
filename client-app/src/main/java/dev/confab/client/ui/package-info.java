/** The bridge from the session's threads to the JavaFX thread. {@link dev.confab.client.ui.UiDispatcher} is the
 * only class in the app that calls {@code Platform.runLater}. */
@NullMarked
package dev.confab.client.ui;

import org.jspecify.annotations.NullMarked;
