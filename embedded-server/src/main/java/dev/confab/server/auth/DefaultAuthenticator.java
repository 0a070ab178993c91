package dev.confab.server.auth;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.ProtocolViolation;
import dev.confab.protocol.Username;
import dev.confab.server.store.Account;
import dev.confab.server.store.AccountStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol's sign-in rules over an {@link AccountStore}, Argon2id hashes and this server's tokens. Guests get
 * the user id {@code "g:" + name in lower case} and a token with {@code guest = true}; they may not take a
 * registered or reserved name. Reasons for refusals go to the log with the name, never a password or token.
 */
public final class DefaultAuthenticator implements Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultAuthenticator.class);

    private final AccountStore accounts;
    private final PasswordHasher hasher;
    private final TokenService tokens;
    private final LoginThrottle throttle;
    private final PasswordRules passwordRules;
    private final AuthConfig config;

    private DefaultAuthenticator(AccountStore accounts, PasswordHasher hasher, TokenService tokens,
                                 LoginThrottle throttle, AuthConfig config) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.tokens = tokens;
        this.throttle = throttle;
        this.passwordRules = new PasswordRules(config.passwords());
        this.config = config;
    }

    /** Wires the parts from a configuration; the signing key is loaded from (or made in) {@code signingKeyFile}. */
    public static DefaultAuthenticator create(AccountStore accounts, Path signingKeyFile, AuthConfig config,
                                              Clock clock) {
        return create(accounts, PasswordHasher.create(config.passwords()),
                TokenService.create(SigningKeyFile.loadOrCreate(signingKeyFile), config.tokens(), clock),
                LoginThrottle.create(config.throttle(), clock), config);
    }

    public static DefaultAuthenticator create(AccountStore accounts, PasswordHasher hasher, TokenService tokens,
                                              LoginThrottle throttle, AuthConfig config) {
        return new DefaultAuthenticator(accounts, hasher, tokens, throttle, config);
    }

    @Override
    public AuthResult register(String username, String password) {
        if (!config.registrationAllowed()) {
            return failure(ErrorCode.REGISTRATION_CLOSED, "This server does not accept new accounts.");
        }
        Optional<Username> name = parse(username);
        if (name.isEmpty()) {
            return invalidUsername();
        }
        Optional<String> weakness = passwordRules.weakness(name.get(), password);
        if (weakness.isPresent()) {
            return failure(ErrorCode.WEAK_PASSWORD, weakness.get());
        }
        if (reserved(name.get()) || accounts.findByName(name.get()).isPresent()) {
            return usernameTaken();
        }
        Optional<Account> created = accounts.create(name.get(), hasher.hash(password));
        if (created.isEmpty()) {
            // Someone took the name while the password was being hashed.
            return usernameTaken();
        }
        LOG.info("Registered {} as {}", name.get(), created.get().userId());
        return success(created.get());
    }

    @Override
    public AuthResult login(String username, String password, String remoteAddress) {
        Optional<Username> name = parse(username);
        if (name.isEmpty()) {
            return invalidUsername();
        }
        String accountKey = name.get().key();
        if (!throttle.tryAcquire(accountKey, remoteAddress)) {
            LOG.info("Sign-in to {} from {} refused: too many failures", name.get(), remoteAddress);
            return failure(ErrorCode.RATE_LIMITED, "Too many failed sign-ins; wait a minute and try again.");
        }
        Optional<Account> account = accounts.findByName(name.get());
        boolean matches;
        if (account.isPresent() && passwordRules.plausibleLength(password)) {
            matches = hasher.verify(password, account.get().passwordHash());
        } else {
            // Spend the same time, so that timing does not tell which names exist.
            hasher.verifyDecoy(password);
            matches = false;
        }
        if (!matches) {
            LOG.info("Sign-in to {} from {} failed: {}", name.get(), remoteAddress,
                    account.isPresent() ? "wrong password" : "no such account");
            return failure(ErrorCode.AUTH_FAILED, "Wrong user name or password.");
        }
        throttle.succeeded(accountKey, remoteAddress);
        return success(account.get());
    }

    @Override
    public AuthResult guest(String nickname) {
        if (!config.guestsAllowed()) {
            return failure(ErrorCode.GUESTS_NOT_ALLOWED, "This server admits registered users only.");
        }
        Optional<Username> name = parse(nickname);
        if (name.isEmpty()) {
            return invalidUsername();
        }
        if (reserved(name.get()) || accounts.findByName(name.get()).isPresent()) {
            return usernameTaken();
        }
        Identity identity = new Identity(Identity.guestUserId(name.get()), name.get(), true);
        return new AuthResult.Success(identity,
                tokens.issue(new TokenClaims(identity.userId(), identity.username(), true, 0)));
    }

    @Override
    public AuthResult verify(String token) {
        return switch (tokens.verify(token)) {
            case TokenCheck.Rejected rejected -> rejectToken(rejected.reason());
            case TokenCheck.Valid valid -> verifyHolder(valid, token);
        };
    }

    @Override
    public AuthResult changePassword(Identity who, String currentPassword, String newPassword,
                                     String remoteAddress) {
        if (who.guest()) {
            return failure(ErrorCode.FORBIDDEN, "A guest has no password to change.");
        }
        Optional<Account> account = accounts.findById(who.userId());
        if (account.isEmpty()) {
            return failure(ErrorCode.AUTH_FAILED, "This account no longer exists.");
        }
        String accountKey = account.get().username().key();
        if (!throttle.tryAcquire(accountKey, remoteAddress)) {
            LOG.info("Password change of {} from {} refused: too many failures", who.username(), remoteAddress);
            return failure(ErrorCode.RATE_LIMITED, "Too many wrong passwords; wait a minute and try again.");
        }
        if (!passwordRules.plausibleLength(currentPassword)
                || !hasher.verify(currentPassword, account.get().passwordHash())) {
            LOG.info("Password change of {} from {} refused: wrong current password", who.username(),
                    remoteAddress);
            return failure(ErrorCode.AUTH_FAILED, "The current password is wrong.");
        }
        throttle.succeeded(accountKey, remoteAddress);
        Optional<String> weakness = passwordRules.weakness(account.get().username(), newPassword);
        if (weakness.isPresent()) {
            return failure(ErrorCode.WEAK_PASSWORD, weakness.get());
        }
        Account changed = accounts.changePassword(who.userId(), hasher.hash(newPassword));
        LOG.info("Password of {} changed; tokens before version {} no longer work", who.username(),
                changed.tokenVersion());
        return success(changed);
    }

    @Override
    public void revokeTokens(Identity who) {
        if (who.guest()) {
            return;
        }
        Account changed = accounts.revokeTokens(who.userId());
        LOG.info("{} signed out everywhere; tokens before version {} no longer work", who.username(),
                changed.tokenVersion());
    }

    @Override
    public Instant acceptedUntil(IssuedToken token) {
        return token.expiresAt().plus(config.tokens().clockSkew());
    }

    private AuthResult verifyHolder(TokenCheck.Valid valid, String token) {
        TokenClaims claims = valid.claims();
        IssuedToken presented = new IssuedToken(token, valid.expiresAt());
        if (claims.guest()) {
            if (!claims.userId().equals(Identity.guestUserId(claims.username()))) {
                return rejectToken("guest id does not match its name");
            }
            if (!config.guestsAllowed()) {
                return rejectToken("guests are no longer admitted");
            }
            if (accounts.findByName(claims.username()).isPresent()) {
                return rejectToken("the guest name " + claims.username() + " is registered now");
            }
            return new AuthResult.Success(new Identity(claims.userId(), claims.username(), true), presented);
        }
        Optional<Account> account = accounts.findById(claims.userId());
        if (account.isEmpty()) {
            return rejectToken("no account " + claims.userId());
        }
        if (account.get().tokenVersion() != claims.tokenVersion()) {
            return rejectToken("token version " + claims.tokenVersion() + " of " + claims.userId()
                    + " was revoked (now " + account.get().tokenVersion() + ")");
        }
        return new AuthResult.Success(new Identity(account.get().userId(), account.get().username(), false),
                presented);
    }

    private AuthResult success(Account account) {
        Identity identity = new Identity(account.userId(), account.username(), false);
        return new AuthResult.Success(identity, tokens.issue(
                new TokenClaims(account.userId(), account.username(), false, account.tokenVersion())));
    }

    private static AuthResult rejectToken(String reason) {
        LOG.info("Token refused: {}", reason);
        return failure(ErrorCode.AUTH_FAILED, "The sign-in token is not valid; sign in again.");
    }

    private boolean reserved(Username name) {
        return config.reservedNames().contains(name.key());
    }

    private static Optional<Username> parse(String username) {
        try {
            return Optional.of(Username.of(username));
        } catch (ProtocolViolation e) {
            return Optional.empty();
        }
    }

    private static AuthResult invalidUsername() {
        return failure(ErrorCode.INVALID_USERNAME, "A user name is 2 to 32 letters, digits, _, - or .");
    }

    private static AuthResult usernameTaken() {
        return failure(ErrorCode.USERNAME_TAKEN, "This name is taken; choose another.");
    }

    private static AuthResult failure(ErrorCode code, String message) {
        return new AuthResult.Failure(code, message);
    }
}
