package dev.confab.client.net;

import java.util.Optional;

/**
 * A certificate that neither a system authority vouches for (with the server's name) nor the user has pinned: what
 * the user needs to decide whether to trust it.
 *
 * @param address     the server it was presented by
 * @param fingerprint SHA-256 of the certificate, upper-case hex pairs joined by colons
 * @param subject     the certificate's subject, as it names itself (not proof of anything)
 * @param pinned      the fingerprint trusted before, when this server's certificate <em>changed</em>
 */
public record TrustPrompt(ServerAddress address, String fingerprint, String subject, Optional<String> pinned) {

    /** True when the server presented another certificate than the one trusted before: a loud warning. */
    public boolean changed() {
        return pinned.isPresent();
    }
}
