package dev.confab.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PasswordHasherTest {
    private static final PasswordHasher CHEAP = PasswordHasher.create(PasswordPolicy.defaults().withCost(1024, 1, 1));

    @Test
    void defaultHashIsArgon2idWithTheConfiguredCost() {
        String hash = PasswordHasher.create(PasswordPolicy.defaults()).hash("correct horse battery");

        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    }

    @Test
    void defaultCostIsSlowButNotTooSlow() {
        PasswordHasher hasher = PasswordHasher.create(PasswordPolicy.defaults());
        hasher.hash("warm up the code path");
        long[] millis = new long[3];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            hasher.hash("correct horse battery " + i);
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(millis);
        // Measured here: ~110 ms. The bounds are loose because the machine is shared; they catch a cost that was
        // configured away (a few ms) or made unusable (seconds).
        assertThat(millis[1]).as("median ms per hash").isBetween(15L, 3000L);
    }

    @Test
    void verifiesTheRightPasswordAndRejectsAWrongOne() {
        String hash = CHEAP.hash("correct horse battery");

        assertThat(CHEAP.verify("correct horse battery", hash)).isTrue();
        assertThat(CHEAP.verify("correct horse batterY", hash)).isFalse();
        assertThat(CHEAP.verify("", hash)).isFalse();
    }

    @Test
    void everyHashHasItsOwnSalt() {
        assertThat(CHEAP.hash("same password")).isNotEqualTo(CHEAP.hash("same password"));
    }

    @Test
    void aHashMadeWithAnotherCostStillVerifies() {
        String older = PasswordHasher.create(PasswordPolicy.defaults().withCost(2048, 2, 1)).hash("long password");
        assertThat(CHEAP.verify("long password", older)).isTrue();
    }

    @Test
    void aDamagedOrForeignHashNeverMatches() {
        assertThat(CHEAP.verify("password", "")).isFalse();
        assertThat(CHEAP.verify("password", "$argon2id$v=19$m=garbage")).isFalse();
        assertThat(CHEAP.verify("password", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy")).isFalse();
        assertThat(CHEAP.verify("password", "password")).isFalse();
    }
}
