/**
 * Finding Confab servers on the local network: a {@link dev.confab.client.discovery.LanBrowser} (JmDNS behind an
 * interface, so view models test with a fake) and the {@link dev.confab.client.discovery.NetworkCheck} that says
 * why nothing was found. No JavaFX here.
 */
@NullMarked
package dev.confab.client.discovery;

import org.jspecify.annotations.NullMarked;
