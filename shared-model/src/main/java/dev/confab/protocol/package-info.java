/**
 * The Confab wire protocol as code: the frames both sides exchange, the one codec that turns them into JSON
 * and back, the validated values inside them, and the protocol's error and close codes.
 *
 * <p>The fixed core of the protocol is {@code shared/PROTOCOL-CORE.md}; {@code docs/PROTOCOL.md} is the full
 * specification. Nothing here may depend on JavaFX, JDBC or a WebSocket library: server and client both use it.
 */
@NullMarked
package dev.confab.protocol;

import org.jspecify.annotations.NullMarked;
