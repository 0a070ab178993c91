package dev.confab.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** Without the binary a cluster test needs, the test is skipped with a message naming it and its package. */
class ExternalProcessesTest {

    @Test
    void aMissingBinarySkipsTheTestNamingTheBinaryAndItsPackage() {
        assertThatThrownBy(() -> ExternalProcesses.require("confab-no-such-binary", "confab-pkg",
                List.of(Path.of("/nonexistent"))))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("confab-no-such-binary is not installed (apt-get install -y confab-pkg)");
    }

    @Test
    void aBinaryOnThePathIsFound() {
        assertThat(ExternalProcesses.find("sh", List.of(), null, "/nonexistent:/bin:/usr/bin")).isPresent();
    }

    @Test
    void theSearchPathPropertyReplacesThePathAndTheInstallDirectories() {
        assertThat(ExternalProcesses.find("sh", List.of(Path.of("/bin")), "", "/bin:/usr/bin")).isEmpty();
        assertThat(ExternalProcesses.find("sh", List.of(), "/nonexistent:/bin", "/nonexistent")).isPresent();
    }
}
