package dev.confab.server.auth;

/**
 * What a password must be, and how hard it is hashed (Argon2id).
 *
 * @param minLength   fewest characters (code points)
 * @param maxLength   most characters; longer ones are refused without being hashed
 * @param memoryKiB   Argon2id memory cost in KiB
 * @param iterations  Argon2id time cost
 * @param parallelism Argon2id lanes
 */
public record PasswordPolicy(int minLength, int maxLength, int memoryKiB, int iterations, int parallelism) {

    public static final int DEFAULT_MIN_LENGTH = 8;
    public static final int DEFAULT_MAX_LENGTH = 1024;
    /** 19 MiB, 2 passes, 1 lane: OWASP's Argon2id baseline; about 110 ms per hash on the 2-core build machine. */
    public static final int DEFAULT_MEMORY_KIB = 19_456;
    public static final int DEFAULT_ITERATIONS = 2;
    public static final int DEFAULT_PARALLELISM = 1;

    public PasswordPolicy {
        if (minLength < 1 || maxLength < minLength || maxLength > 4096) {
            throw new IllegalArgumentException("need 1 <= minLength <= maxLength <= 4096, not " + minLength + ".."
                    + maxLength);
        }
        if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1 || parallelism > 16) {
            throw new IllegalArgumentException("invalid Argon2id cost: m=" + memoryKiB + " t=" + iterations
                    + " p=" + parallelism);
        }
    }

    public static PasswordPolicy defaults() {
        return new PasswordPolicy(DEFAULT_MIN_LENGTH, DEFAULT_MAX_LENGTH, DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS,
                DEFAULT_PARALLELISM);
    }

    /** The same rules with another hashing cost (tests use a cheap one). */
    public PasswordPolicy withCost(int memory, int passes, int lanes) {
        return new PasswordPolicy(minLength, maxLength, memory, passes, lanes);
    }
}
