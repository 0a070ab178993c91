package dev.confab.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Username;
import dev.confab.server.store.sqlite.SqliteMessageStore;
import dev.confab.server.store.sqlite.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DefaultAuthenticatorTest {
    private static final String PASSWORD = "violet-otter-42";
    /** The rules of the defaults with a cheap hash, so that the tests run fast. */
    private static final AuthConfig CONFIG = AuthConfig.defaults()
            .withPasswords(PasswordPolicy.defaults().withCost(1024, 1, 1));

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T12:00:00Z"));
    private SqliteMessageStore store;
    private DefaultAuthenticator auth;

    @BeforeEach
    void open() {
        store = SqliteMessageStore.open(dir.resolve("confab.db"), StoreConfig.defaults(), clock);
        auth = authenticator(CONFIG);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private DefaultAuthenticator authenticator(AuthConfig config) {
        return DefaultAuthenticator.create(store.accounts(), dir.resolve("token.key"), config, clock);
    }

    @Test
    void registersAndSignsInWithAToken() {
        AuthResult.Success registered = success(auth.register("Ann", PASSWORD));

        assertThat(registered.identity().guest()).isFalse();
        assertThat(registered.identity().username().value()).isEqualTo("Ann");
        assertThat(registered.identity().userId()).startsWith("u");
        assertThat(registered.token().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(30)));
        assertThat(store.accounts().findByName(registered.identity().username()).orElseThrow().passwordHash())
                .startsWith("$argon2id$");

        AuthResult.Success verified = success(auth.verify(registered.token().token()));
        assertThat(verified.identity()).isEqualTo(registered.identity());
    }

    @Test
    void aNameIsTakenWhateverItsCase() {
        success(auth.register("Ann", PASSWORD));
        assertFailure(auth.register("aNN", PASSWORD), ErrorCode.USERNAME_TAKEN);
    }

    @Test
    void weakPasswordsAreRefused() {
        assertFailure(auth.register("ann", "short"), ErrorCode.WEAK_PASSWORD);
        assertFailure(auth.register("annabelle", "AnnaBelle"), ErrorCode.WEAK_PASSWORD);
        assertFailure(auth.register("ann", "Password123"), ErrorCode.WEAK_PASSWORD);
        assertFailure(auth.register("ann", "x".repeat(1025)), ErrorCode.WEAK_PASSWORD);
        assertThat(store.accounts().findByName(Username.of("ann"))).isEmpty();
        success(auth.register("ann", "x".repeat(1024)));
    }

    @Test
    void badNamesAreRefused() {
        assertFailure(auth.register("a", PASSWORD), ErrorCode.INVALID_USERNAME);
        assertFailure(auth.register("with space", PASSWORD), ErrorCode.INVALID_USERNAME);
        assertFailure(auth.login("", PASSWORD, "10.0.0.1"), ErrorCode.INVALID_USERNAME);
        assertFailure(auth.guest("x".repeat(33)), ErrorCode.INVALID_USERNAME);
        assertFailure(auth.register("System", PASSWORD), ErrorCode.USERNAME_TAKEN);
        assertFailure(auth.guest("SYSTEM"), ErrorCode.USERNAME_TAKEN);
    }

    @Test
    void registrationCanBeClosed() {
        assertFailure(authenticator(CONFIG.withRegistrationAllowed(false)).register("ann", PASSWORD),
                ErrorCode.REGISTRATION_CLOSED);
    }

    @Test
    void loginWithTheRightPasswordOnly() {
        AuthResult.Success registered = success(auth.register("Ann", PASSWORD));

        AuthResult.Success login = success(auth.login("ann", PASSWORD, "10.0.0.1"));
        assertThat(login.identity()).isEqualTo(registered.identity());
        assertFailure(auth.login("ann", PASSWORD + "!", "10.0.0.1"), ErrorCode.AUTH_FAILED);
        assertFailure(auth.login("nobody", PASSWORD, "10.0.0.1"), ErrorCode.AUTH_FAILED);
        assertFailure(auth.login("ann", "", "10.0.0.1"), ErrorCode.AUTH_FAILED);
    }

    @Test
    void tooManyFailuresAreRateLimitedAndRecover() {
        success(auth.register("ann", PASSWORD));
        for (int i = 0; i < 5; i++) {
            assertFailure(auth.login("ann", "wrong password " + i, "10.0.0.1"), ErrorCode.AUTH_FAILED);
        }
        assertFailure(auth.login("ann", PASSWORD, "10.0.0.2"), ErrorCode.RATE_LIMITED);

        clock.advance(Duration.ofSeconds(61));
        success(auth.login("ann", PASSWORD, "10.0.0.2"));
    }

    @Test
    void guestsGetAGuestIdentityAndToken() {
        AuthResult.Success guest = success(auth.guest("Visitor"));

        assertThat(guest.identity().guest()).isTrue();
        assertThat(guest.identity().userId()).isEqualTo("g:visitor");
        assertThat(guest.identity().username().value()).isEqualTo("Visitor");
        assertThat(success(auth.verify(guest.token().token())).identity()).isEqualTo(guest.identity());
    }

    @Test
    void aGuestMayNotTakeARegisteredName() {
        success(auth.register("Ann", PASSWORD));
        assertFailure(auth.guest("ANN"), ErrorCode.USERNAME_TAKEN);
    }

    @Test
    void aGuestTokenStopsWorkingWhenItsNameIsRegistered() {
        AuthResult.Success guest = success(auth.guest("ann"));
        success(auth.register("Ann", PASSWORD));

        assertFailure(auth.verify(guest.token().token()), ErrorCode.AUTH_FAILED);
    }

    @Test
    void guestsCanBeRefused() {
        DefaultAuthenticator closed = authenticator(CONFIG.withGuestsAllowed(false));
        assertFailure(closed.guest("visitor"), ErrorCode.GUESTS_NOT_ALLOWED);
        assertFailure(closed.verify(success(auth.guest("visitor")).token().token()), ErrorCode.AUTH_FAILED);
    }

    @Test
    void aPasswordChangeRevokesEarlierTokens() {
        AuthResult.Success registered = success(auth.register("ann", PASSWORD));
        store.accounts().changePassword(registered.identity().userId(),
                PasswordHasher.create(CONFIG.passwords()).hash("another-password-7"));

        assertFailure(auth.verify(registered.token().token()), ErrorCode.AUTH_FAILED);
        AuthResult.Success fresh = success(auth.login("ann", "another-password-7", "10.0.0.1"));
        success(auth.verify(fresh.token().token()));
    }

    @Test
    void tokensOutliveARestartOfTheAuthenticator() {
        AuthResult.Success registered = success(auth.register("ann", PASSWORD));
        DefaultAuthenticator restarted = authenticator(CONFIG);
        success(restarted.verify(registered.token().token()));
    }

    @Test
    void expiredOrForeignTokensFail() {
        AuthResult.Success registered = success(auth.register("ann", PASSWORD));
        assertFailure(auth.verify("not a token"), ErrorCode.AUTH_FAILED);

        clock.advance(Duration.ofDays(31));
        assertFailure(auth.verify(registered.token().token()), ErrorCode.AUTH_FAILED);
    }

    private static AuthResult.Success success(AuthResult result) {
        assertThat(result).isInstanceOf(AuthResult.Success.class);
        return (AuthResult.Success) result;
    }

    private static void assertFailure(AuthResult result, ErrorCode code) {
        assertThat(result).isInstanceOfSatisfying(AuthResult.Failure.class, failure -> {
            assertThat(failure.code()).isEqualTo(code);
            assertThat(failure.message()).isNotBlank();
        });
    }
}
