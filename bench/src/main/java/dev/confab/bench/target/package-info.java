/** The servers under test, run as separate processes, and what the bench reads about them from the OS. */
@NullMarked
package dev.confab.bench.target;

import org.jspecify.annotations.NullMarked;
