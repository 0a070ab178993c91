package dev.confab.server.auth;

import dev.confab.protocol.Username;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What makes a password too weak to register: length, equal to the name, or one of the commonest ones. */
final class PasswordRules {
    private static final Set<String> COMMON = loadCommon();

    private final PasswordPolicy policy;

    PasswordRules(PasswordPolicy policy) {
        this.policy = policy;
    }

    /** Why the password is refused, or empty when it is acceptable. */
    Optional<String> weakness(Username username, String password) {
        int length = password.codePointCount(0, password.length());
        if (length < policy.minLength()) {
            return Optional.of("A password needs at least " + policy.minLength() + " characters.");
        }
        if (length > policy.maxLength()) {
            return Optional.of("A password may have at most " + policy.maxLength() + " characters.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (lower.equals(username.key())) {
            return Optional.of("A password must not be the user name.");
        }
        if (COMMON.contains(lower)) {
            return Optional.of("This password is among the most common ones; choose another.");
        }
        return Optional.empty();
    }

    /** True when the length is within limits (checked before hashing a sign-in attempt). */
    boolean plausibleLength(String password) {
        return !password.isEmpty() && password.length() <= policy.maxLength() * 2;
    }

    private static Set<String> loadCommon() {
        try (InputStream in = PasswordRules.class.getResourceAsStream("common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("missing resource common-passwords.txt");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
