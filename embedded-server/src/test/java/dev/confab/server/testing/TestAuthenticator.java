package dev.confab.server.testing;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.ProtocolViolation;
import dev.confab.protocol.Username;
import dev.confab.server.auth.AuthResult;
import dev.confab.server.auth.Authenticator;
import dev.confab.server.auth.Identity;
import dev.confab.server.auth.IssuedToken;
import dev.confab.server.store.Account;
import dev.confab.server.store.AccountStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A plain {@link Authenticator} over a real {@link AccountStore}, for protocol tests that do not exercise
 * hashing or JWTs: opaque random tokens, an unsalted marker instead of a hash.
 */
public final class TestAuthenticator implements Authenticator {
    private final AccountStore accounts;
    private final Clock clock;
    private final Map<String, Identity> tokens = new ConcurrentHashMap<>();

    public TestAuthenticator(AccountStore accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public AuthResult register(String username, String password) {
        Optional<Username> name = parse(username);
        if (name.isEmpty()) {
            return new AuthResult.Failure(ErrorCode.INVALID_USERNAME, "bad name");
        }
        if (password.length() < 8) {
            return new AuthResult.Failure(ErrorCode.WEAK_PASSWORD, "at least 8 characters");
        }
        return accounts.create(name.get(), "test:" + password)
                .<AuthResult>map(account -> success(new Identity(account.userId(), account.username(), false)))
                .orElseGet(() -> new AuthResult.Failure(ErrorCode.USERNAME_TAKEN, "taken"));
    }

    @Override
    public AuthResult login(String username, String password, String remoteAddress) {
        Optional<Account> account = parse(username).flatMap(accounts::findByName);
        if (account.isEmpty() || !account.get().passwordHash().equals("test:" + password)) {
            return new AuthResult.Failure(ErrorCode.AUTH_FAILED, "wrong name or password");
        }
        return success(new Identity(account.get().userId(), account.get().username(), false));
    }

    @Override
    public AuthResult guest(String nickname) {
        Optional<Username> name = parse(nickname);
        if (name.isEmpty()) {
            return new AuthResult.Failure(ErrorCode.INVALID_USERNAME, "bad name");
        }
        if (accounts.findByName(name.get()).isPresent()) {
            return new AuthResult.Failure(ErrorCode.USERNAME_TAKEN, "registered name");
        }
        return success(new Identity("g" + UUID.randomUUID(), name.get(), true));
    }

    @Override
    public AuthResult verify(String token) {
        Identity identity = tokens.get(token);
        return identity == null ? new AuthResult.Failure(ErrorCode.AUTH_FAILED, "unknown token")
                : new AuthResult.Success(identity, new IssuedToken(token, clock.instant().plus(Duration.ofHours(1))));
    }

    private AuthResult success(Identity identity) {
        String token = "t" + UUID.randomUUID();
        tokens.put(token, identity);
        return new AuthResult.Success(identity, new IssuedToken(token, clock.instant().plus(Duration.ofHours(1))));
    }

    private static Optional<Username> parse(String text) {
        try {
            return Optional.of(Username.of(text));
        } catch (ProtocolViolation e) {
            return Optional.empty();
        }
    }
}
