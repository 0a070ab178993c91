package dev.confab.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
    private static final Path HOME = Path.of("/home/ann");

    @TempDir
    Path dir;

    @Test
    void linuxUsesXdgDataHome() {
        assertThat(DataDirectory.defaultLocation("Linux", Map.of("XDG_DATA_HOME", "/data/ann"), HOME))
                .isEqualTo(Path.of("/data/ann/confab"));
    }

    @Test
    void linuxFallsBackToLocalShareWhenXdgIsUnsetOrRelative() {
        assertThat(DataDirectory.defaultLocation("Linux", Map.of(), HOME))
                .isEqualTo(Path.of("/home/ann/.local/share/confab"));
        assertThat(DataDirectory.defaultLocation("Linux", Map.of("XDG_DATA_HOME", "relative/dir"), HOME))
                .isEqualTo(Path.of("/home/ann/.local/share/confab"));
    }

    @Test
    void macOsUsesApplicationSupport() {
        assertThat(DataDirectory.defaultLocation("Mac OS X", Map.of("XDG_DATA_HOME", "/x"), HOME))
                .isEqualTo(Path.of("/home/ann/Library/Application Support/Confab"));
    }

    @Test
    void windowsUsesAppData() {
        assertThat(DataDirectory.defaultLocation("Windows 11", Map.of("APPDATA", "/appdata"), HOME))
                .isEqualTo(Path.of("/appdata/Confab"));
    }

    @Test
    void createsItsDirectoriesOwnerOnly() throws Exception {
        assumeTrue(OwnerOnlyFiles.posix(dir));
        DataDirectory data = DataDirectory.create(dir.resolve("a/b/confab"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.root()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.backups())))
                .isEqualTo("rwx------");
        assertThat(data.database()).isEqualTo(data.root().resolve("confab.db"));
        assertThat(data.signingKey()).isEqualTo(data.root().resolve("token.key"));
    }

    @Test
    void narrowsAnExistingDirectory() throws Exception {
        assumeTrue(OwnerOnlyFiles.posix(dir));
        Path existing = Files.createDirectory(dir.resolve("open"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        DataDirectory.create(existing);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(existing))).isEqualTo("rwx------");
    }
}
