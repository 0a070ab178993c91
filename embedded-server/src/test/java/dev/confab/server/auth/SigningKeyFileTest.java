package dev.confab.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.confab.protocol.Username;
import dev.confab.server.store.OwnerOnlyFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.stream.Stream;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyFileTest {
    @TempDir
    Path dir;

    @Test
    void makesAnOwnerOnlyKeyOnFirstUse() throws Exception {
        Path file = dir.resolve("token.key");
        SigningKeyFile.loadOrCreate(file);

        assertThat(Files.size(file)).isEqualTo(SigningKeyFile.KEY_BYTES);
        if (OwnerOnlyFiles.posix(dir)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        try (Stream<Path> leftovers = Files.list(dir)) {
            assertThat(leftovers).containsExactly(file);
        }
    }

    @Test
    void theKeyAndItsTokensSurviveARestart() {
        Path file = dir.resolve("token.key");
        MutableClock clock = new MutableClock(Instant.parse("2026-11-21T12:00:00Z"));
        TokenService before = TokenService.create(SigningKeyFile.loadOrCreate(file), TokenPolicy.defaults(), clock);
        IssuedToken issued = before.issue(new TokenClaims("u1", Username.of("ann"), false, 0));

        SecretKey reloaded = SigningKeyFile.loadOrCreate(file);
        TokenService after = TokenService.create(reloaded, TokenPolicy.defaults(), clock);

        assertThat(after.verify(issued.token())).isInstanceOf(TokenCheck.Valid.class);
    }

    @Test
    void differentDirectoriesGetDifferentKeys() {
        SecretKey one = SigningKeyFile.loadOrCreate(dir.resolve("a.key"));
        SecretKey two = SigningKeyFile.loadOrCreate(dir.resolve("b.key"));
        assertThat(one.getEncoded()).isNotEqualTo(two.getEncoded());
    }

    @Test
    void aDamagedKeyIsRefused() throws Exception {
        Path file = Files.write(dir.resolve("token.key"), new byte[7]);
        assertThatThrownBy(() -> SigningKeyFile.loadOrCreate(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("damaged");
    }

    @Test
    void aKeyOthersCanReadIsNarrowed() throws Exception {
        assumeTrue(OwnerOnlyFiles.posix(dir));
        Path file = dir.resolve("token.key");
        SigningKeyFile.loadOrCreate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        SigningKeyFile.loadOrCreate(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
