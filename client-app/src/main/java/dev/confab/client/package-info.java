/**
 * The composition root: {@link dev.confab.client.Launcher} starts {@link dev.confab.client.ConfabApp}, which wires
 * the network client, sessions, view models and views, and (through {@link dev.confab.client.host}) the embedded
 * server when this computer hosts a room.
 */
@NullMarked
package dev.confab.client;

import org.jspecify.annotations.NullMarked;
