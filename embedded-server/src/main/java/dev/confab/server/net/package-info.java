/**
 * The WebSocket transport on Java-WebSocket 1.6.0 and its hardening: bounded frames and messages, handshake
 * deadline, bounded output per connection, heartbeat, and the upgrade request's path and token.
 */
@NullMarked
package dev.confab.server.net;

import org.jspecify.annotations.NullMarked;
