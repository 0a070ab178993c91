/**
 * The Confab chat server's embedding API: {@link dev.confab.server.ServerConfig} says how it runs,
 * {@link dev.confab.server.ConfabServer} starts it, {@link dev.confab.server.RunningServer} is the running one.
 */
@NullMarked
package dev.confab.server;

import org.jspecify.annotations.NullMarked;
