package dev.confab.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.RoomName;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.testing.Frames;
import dev.confab.server.testing.TestClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The packaged {@code confab-server.jar}, run as a separate process with the same java. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServerJarIT {
    private static final Pattern READY = Pattern.compile("Confab server listening on wss?://127\\.0\\.0\\.1:(\\d+)/ws");

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void startsServesAndStopsCleanlyOnSigtermKeepingHistory() throws Exception {
        Path data = dir.resolve("data");
        Process server = start(Map.of("CONFAB_NAME", "From env", "CONFAB_GUESTS", "false"),
                "--port", "0", "--bind", "127.0.0.1", "--data-dir", data.toString(), "--registration");
        int port = readyPort(server);
        TestClient alice = new TestClient(URI.create("ws://127.0.0.1:" + port + "/ws")).open();
        ServerFrame.Hello hello = alice.next(ServerFrame.Hello.class);
        assertThat(hello.data().server().name()).isEqualTo("From env");
        assertThat(hello.data().guests()).isFalse();
        alice.send(new ClientFrame.Register("r", new ClientFrame.Credentials("alice", "correct horse 42")));
        alice.next(ServerFrame.Connected.class);
        alice.send(new ClientFrame.JoinRoom("j", RoomName.of("general"), null));
        alice.next(ServerFrame.JoinedRoom.class);
        alice.send(Frames.send("general", "kept across restarts", "c1"));
        assertThat(alice.next(ServerFrame.Message.class).data().seq()).isEqualTo(1);

        server.destroy(); // SIGTERM
        assertThat(alice.awaitClose()).isEqualTo(1001);
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
        String log = Files.readString(dir.resolve("stderr-1.log"));
        assertThat(log).contains("Stopped").doesNotContain("Exception");
        assertThat(Files.exists(data.resolve("confab.db"))).isTrue();

        Process again = start(Map.of(), "--port=0", "--bind=127.0.0.1", "--data-dir=" + data);
        TestClient bob = new TestClient(URI.create("ws://127.0.0.1:" + readyPort(again) + "/ws")).open();
        bob.next(ServerFrame.Hello.class);
        bob.send(new ClientFrame.Login("l", new ClientFrame.Credentials("alice", "correct horse 42")));
        bob.next(ServerFrame.Connected.class);
        bob.send(Frames.joinSince("general", 0));
        assertThat(bob.next(ServerFrame.Message.class).data().content()).isEqualTo("kept across restarts");
        bob.close();
        again.destroy();
        assertThat(again.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void printsHelpAndVersionAndRefusesBadOptions() throws Exception {
        Process help = start(Map.of(), "--help");
        String usage = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(help.waitFor()).isZero();
        assertThat(usage).contains("--port=PORT", "CONFAB_PORT", "--no-guests", "--max-frame-bytes");
        Process version = start(Map.of(), "--version");
        assertThat(new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .startsWith("confab-server ");
        assertThat(version.waitFor()).isZero();
        Process bad = start(Map.of(), "--port", "seventy");
        assertThat(bad.waitFor()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("stderr-" + processes.size() + ".log"))).contains("--port");
    }

    @Test
    void reportsThePackageVersionItsLauncherGives() throws Exception {
        // The installers' launchers pass -Dconfab.version (a package's version has no -SNAPSHOT).
        List<String> packaged = List.of("-D" + dev.confab.server.Version.PACKAGE_PROPERTY + "=7.8.9");
        Process version = start(packaged, Map.of(), "--version");
        assertThat(new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip())
                .isEqualTo("confab-server 7.8.9");
        assertThat(version.waitFor()).isZero();
        Process server = start(packaged, Map.of(), "--port=0", "--bind=127.0.0.1",
                "--data-dir=" + dir.resolve("data"));
        TestClient client = new TestClient(URI.create("ws://127.0.0.1:" + readyPort(server) + "/ws")).open();
        assertThat(client.next(ServerFrame.Hello.class).data().server().version()).isEqualTo("7.8.9");
        client.close();
        server.destroy();
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private Process start(Map<String, String> environment, String... args) throws IOException {
        return start(List.of(), environment, args);
    }

    private Process start(List<String> jvmOptions, Map<String, String> environment, String... args)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", System.getProperty("confab.server.jar")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("CONFAB_"));
        builder.environment().putAll(environment);
        // The jar's admin endpoint defaults to 7481; any free port keeps parallel runs apart.
        builder.environment().putIfAbsent("CONFAB_ADMIN_PORT", "0");
        // To a file: destroy() closes the process's pipes, and the log is read after it.
        builder.redirectError(dir.resolve("stderr-" + (processes.size() + 1) + ".log").toFile());
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    /** Waits for the one ready line and returns the port in it. */
    private static int readyPort(Process process) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(60, TimeUnit.SECONDS);
        assertThat(line).isNotNull();
        Matcher matcher = READY.matcher(line);
        assertThat(matcher.matches()).as(line).isTrue();
        return Integer.parseInt(matcher.group(1));
    }
}
