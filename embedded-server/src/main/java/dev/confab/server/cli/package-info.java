/** The standalone host, {@code confab-server.jar}: command line, environment and process lifecycle. */
@NullMarked
package dev.confab.server.cli;

import org.jspecify.annotations.NullMarked;
