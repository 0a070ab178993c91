/**
 * Announcing a running server on the local network with DNS-SD over mDNS ({@code _confab._tcp}) through JmDNS:
 * on which interfaces ({@link dev.confab.server.discovery.InterfaceChoice}), what the TXT record says
 * ({@link dev.confab.protocol.lan.LanAnnouncement}), keeping its online count current, following interfaces that
 * come and go, and withdrawing it; and the pace JmDNS claims names and drops goodbyes at
 * ({@link dev.confab.server.discovery.RfcPace}, shared with the app's browser).
 */
@NullMarked
package dev.confab.server.discovery;

import org.jspecify.annotations.NullMarked;
