/** Test helpers: hand-built frames, and the app driven through its real window. */
@NullMarked
package dev.confab.client.testing;

import org.jspecify.annotations.NullMarked;
