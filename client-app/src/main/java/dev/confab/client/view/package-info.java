/**
 * Views: build JavaFX nodes, bind them to view models, and hand user actions to the view models. They never
 * reach the network layer.
 */
@NullMarked
package dev.confab.client.view;

import org.jspecify.annotations.NullMarked;
