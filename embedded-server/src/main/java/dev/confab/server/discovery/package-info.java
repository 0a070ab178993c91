/**
 * Announcing a running server on the local network with DNS-SD over mDNS ({@code _confab._tcp}) through JmDNS:
 * on which interfaces ({@link dev.confab.server.discovery.InterfaceChoice}), what the TXT record says
 * ({@link dev.confab.protocol.lan.LanAnnouncement}), keeping its online count current, and withdrawing it.
 */
@NullMarked
package dev.confab.server.discovery;

import org.jspecify.annotations.NullMarked;
