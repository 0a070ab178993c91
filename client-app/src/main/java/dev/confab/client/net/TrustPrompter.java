package dev.confab.client.net;

import java.util.concurrent.CompletableFuture;

/** Asks the user whether to trust a certificate; completes with true to trust (and pin) it, false to refuse. */
@FunctionalInterface
public interface TrustPrompter {
    /** Refuses every unknown certificate (no one to ask). */
    TrustPrompter REFUSE = prompt -> CompletableFuture.completedFuture(false);

    CompletableFuture<Boolean> ask(TrustPrompt prompt);
}
