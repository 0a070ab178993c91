package dev.confab.client.session;

import dev.confab.protocol.ErrorCode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Account requests waiting for their answer, by request id. Used under the session's lock. Every request ends: with
 * its answer, its error, or the loss of the connection it was sent on.
 */
final class AccountRequests {
    static final String PREFIX = "account-";

    private final Map<String, CompletableFuture<AccountOutcome>> pending = new HashMap<>();
    private long next;

    /** A new request id and the future its answer completes. */
    String open(CompletableFuture<AccountOutcome> outcome) {
        String id = PREFIX + ++next;
        pending.put(id, outcome);
        return id;
    }

    boolean owns(String requestId) {
        return requestId.startsWith(PREFIX);
    }

    void done(String requestId) {
        CompletableFuture<AccountOutcome> outcome = pending.remove(requestId);
        if (outcome != null) {
            outcome.complete(new AccountOutcome.Done());
        }
    }

    void refused(String requestId, ErrorCode code, String message) {
        CompletableFuture<AccountOutcome> outcome = pending.remove(requestId);
        if (outcome != null) {
            outcome.complete(new AccountOutcome.Refused(Optional.of(code), message));
        }
    }

    /** The connection went: nothing pending will be answered. */
    void lost() {
        pending.values().forEach(outcome -> outcome.complete(new AccountOutcome.Refused(Optional.empty(),
                "The connection was lost; try again.")));
        pending.clear();
    }
}
