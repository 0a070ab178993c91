/**
 * TLS for the server: the key and certificate chain from PEM files, a PKCS#12 key store, or a self-signed
 * certificate made on first start for a LAN host, turned into an {@link javax.net.ssl.SSLContext}.
 */
@NullMarked
package dev.confab.server.tls;

import org.jspecify.annotations.NullMarked;
