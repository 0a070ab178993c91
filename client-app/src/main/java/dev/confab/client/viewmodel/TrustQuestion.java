package dev.confab.client.viewmodel;

import dev.confab.client.net.TrustPrompt;
import java.util.Optional;

/**
 * What the certificate dialog says: a calm question the first time a {@code wss://} server is joined, a loud
 * warning when a trusted server's certificate changed.
 *
 * @param warning     true for a changed certificate (the dialog shows it as a danger)
 * @param fingerprint the presented certificate's SHA-256 fingerprint
 * @param previous    the fingerprint trusted before, for a changed certificate
 */
public record TrustQuestion(boolean warning, String title, String header, String body, String fingerprint,
                            Optional<String> previous, String acceptLabel, String cancelLabel) {

    public static TrustQuestion of(TrustPrompt prompt) {
        String server = prompt.address().display();
        if (prompt.changed()) {
            return new TrustQuestion(true, Texts.get("trust.changed.title"), Texts.get("trust.changed.header", server),
                    Texts.get("trust.changed.body"), prompt.fingerprint(), prompt.pinned(),
                    Texts.get("trust.acceptChanged"), Texts.get("trust.cancel"));
        }
        return new TrustQuestion(false, Texts.get("trust.title"), Texts.get("trust.header", server),
                Texts.get("trust.body"), prompt.fingerprint(), Optional.empty(), Texts.get("trust.accept"),
                Texts.get("trust.cancel"));
    }
}
