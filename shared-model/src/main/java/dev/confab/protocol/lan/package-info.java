/**
 * How a Confab server makes itself known on the local network: the DNS-SD service type and the TXT record that
 * the announcing server writes and the browsing client reads. One definition for both sides, without any mDNS
 * library (each side brings its own).
 */
@NullMarked
package dev.confab.protocol.lan;

import org.jspecify.annotations.NullMarked;
