package dev.confab.server.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** Finding and running the real database and broker binaries the cluster tests need. */
public final class ExternalProcesses {
    /** Replaces the PATH and the usual install directories when looking for a binary. */
    public static final String SEARCH_PATH_PROPERTY = "confab.test.binaryPath";

    private ExternalProcesses() {
    }

    /**
     * The binary, from the PATH or the given directories; skips the test (a JUnit assumption) naming the missing
     * binary and the package that provides it when it is not installed.
     */
    static Path require(String binary, String debianPackage, List<Path> extraDirectories) {
        Optional<Path> found = find(binary, extraDirectories);
        assumeTrue(found.isPresent(), () -> binary + " is not installed (apt-get install -y " + debianPackage
                + "); skipping this test, which needs a real " + binary);
        return found.orElseThrow();
    }

    /**
     * Where the binaries are looked for: the given directories, then the PATH. The system property
     * {@value #SEARCH_PATH_PROPERTY} (a path list, possibly empty) replaces both, so that a run can act as a machine
     * without redis-server or PostgreSQL ({@code -Dconfab.test.binaryPath=}).
     */
    static Optional<Path> find(String binary, List<Path> extraDirectories) {
        return find(binary, extraDirectories, System.getProperty(SEARCH_PATH_PROPERTY), System.getenv("PATH"));
    }

    static Optional<Path> find(String binary, List<Path> extraDirectories, @Nullable String override,
                               @Nullable String environmentPath) {
        List<Path> directories = new ArrayList<>(override == null ? extraDirectories : List.of());
        String path = override == null ? environmentPath : override;
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    directories.add(Path.of(entry));
                }
            }
        }
        return directories.stream().map(dir -> dir.resolve(binary)).filter(Files::isExecutable).findFirst();
    }

    /** The {@code bin} directories of installed PostgreSQL versions, newest first (Debian's layout). */
    static List<Path> postgresBinDirectories() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(Files::isDirectory)
                    .sorted(Comparator.comparing((Path p) -> versionOf(p)).reversed()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static int versionOf(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Runs a command to its end (bounded); fails with its output when it does not succeed. */
    static void run(List<String> command, Path log) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("failed (" + process.exitValue() + "): " + command + "\n"
                        + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
