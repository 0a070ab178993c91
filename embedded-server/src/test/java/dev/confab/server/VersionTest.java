package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionTest {
    @Test
    void anInstalledPackageReportsItsOwnVersion() {
        assertThat(Version.of("0.1.0", "0.1.0-SNAPSHOT")).isEqualTo("0.1.0");
        assertThat(Version.of(" 0.1.0\n", "0.1.0-SNAPSHOT")).isEqualTo("0.1.0");
    }

    @Test
    void withoutAPackageTheBuildsVersionStands() {
        assertThat(Version.of(null, "0.1.0-SNAPSHOT")).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(Version.of(" ", "0.1.0-SNAPSHOT")).isEqualTo("0.1.0-SNAPSHOT");
    }

    @Test
    void theBuildsVersionComesFromTheBuild() {
        // Filtered by Maven from the project's version; "dev" only when the resource is missing.
        assertThat(Version.current()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }
}
