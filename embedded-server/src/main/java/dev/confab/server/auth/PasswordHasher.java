package dev.confab.server.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}), with a
 * random 16-byte salt each. Verification reads the cost from the stored hash, so hashes made with an older cost
 * keep working. Slow on purpose: call it without holding locks.
 */
public final class PasswordHasher {
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final String PREFIX = "$argon2id$";

    private final Argon2Function function;
    /** Checked against when the account does not exist, so that a missing name costs as long as a wrong password. */
    private final String decoy;

    private PasswordHasher(Argon2Function function) {
        this.function = function;
        this.decoy = Password.hash("decoy password for unknown names").addRandomSalt(SALT_BYTES).with(function)
                .getResult();
    }

    public static PasswordHasher create(PasswordPolicy policy) {
        return new PasswordHasher(Argon2Function.getInstance(policy.memoryKiB(), policy.iterations(),
                policy.parallelism(), HASH_BYTES, Argon2.ID));
    }

    /** The encoded hash of a password. */
    public String hash(String password) {
        return Password.hash(password).addRandomSalt(SALT_BYTES).with(function).getResult();
    }

    /** True when the password matches the hash; false for a wrong password or a hash that is not Argon2id. */
    public boolean verify(String password, String encodedHash) {
        if (!encodedHash.startsWith(PREFIX)) {
            return false;
        }
        try {
            return Password.check(password, encodedHash).with(Argon2Function.getInstanceFromHash(encodedHash));
        } catch (RuntimeException malformed) {
            // password4j throws BadParametersException and others for a damaged hash: it simply does not match.
            return false;
        }
    }

    /** Spends the time of one verification and answers nothing. */
    public void verifyDecoy(String password) {
        verify(password, decoy);
    }
}
