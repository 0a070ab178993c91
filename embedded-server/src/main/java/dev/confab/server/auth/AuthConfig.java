package dev.confab.server.auth;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The sign-in rules of one server.
 *
 * @param registrationAllowed whether {@code register} may create accounts
 * @param guestsAllowed       whether a nickname alone admits a guest
 * @param tokens              how tokens are made and checked
 * @param passwords           password rules and hashing cost
 * @param throttle            failed sign-in limits
 * @param reservedNames       names nobody may take (compared in lower case); {@code system} is the protocol's
 *                            sender name for server-made frames
 */
public record AuthConfig(boolean registrationAllowed, boolean guestsAllowed, TokenPolicy tokens,
                         PasswordPolicy passwords, ThrottlePolicy throttle, Set<String> reservedNames) {

    public static final Set<String> DEFAULT_RESERVED_NAMES = Set.of("system");

    public AuthConfig {
        reservedNames = reservedNames.stream().map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    public static AuthConfig defaults() {
        return new AuthConfig(true, true, TokenPolicy.defaults(), PasswordPolicy.defaults(),
                ThrottlePolicy.defaults(), DEFAULT_RESERVED_NAMES);
    }

    public AuthConfig withRegistrationAllowed(boolean value) {
        return new AuthConfig(value, guestsAllowed, tokens, passwords, throttle, reservedNames);
    }

    public AuthConfig withGuestsAllowed(boolean value) {
        return new AuthConfig(registrationAllowed, value, tokens, passwords, throttle, reservedNames);
    }

    public AuthConfig withTokens(TokenPolicy value) {
        return new AuthConfig(registrationAllowed, guestsAllowed, value, passwords, throttle, reservedNames);
    }

    public AuthConfig withPasswords(PasswordPolicy value) {
        return new AuthConfig(registrationAllowed, guestsAllowed, tokens, value, throttle, reservedNames);
    }

    public AuthConfig withThrottle(ThrottlePolicy value) {
        return new AuthConfig(registrationAllowed, guestsAllowed, tokens, passwords, value, reservedNames);
    }
}
