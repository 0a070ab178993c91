package dev.confab.client.net;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Certificates the user chose to trust, by server ({@code host:port}): the SHA-256 fingerprint of each one's
 * certificate (trust on first use). The app keeps them in a file only the user can read.
 */
public interface CertificatePins {

    /** The pinned fingerprint of this server, if the user trusted one. */
    Optional<String> pinned(String server);

    /** Trusts this certificate for this server from now on (replacing an earlier pin). */
    void pin(String server, String fingerprint);

    /** Pins kept in memory only (tests, and a client that has nowhere to keep them). */
    static CertificatePins inMemory() {
        Map<String, String> pins = new ConcurrentHashMap<>();
        return new CertificatePins() {
            @Override
            public Optional<String> pinned(String server) {
                return Optional.ofNullable(pins.get(server));
            }

            @Override
            public void pin(String server, String fingerprint) {
                pins.put(server, fingerprint);
            }
        };
    }
}
