/** Who is who: password hashing, signed expiring tokens, and the sign-in rules of the protocol. */
@NullMarked
package dev.confab.server.auth;

import org.jspecify.annotations.NullMarked;
