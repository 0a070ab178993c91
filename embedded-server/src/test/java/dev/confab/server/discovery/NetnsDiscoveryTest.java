package dev.confab.server.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.server.cli.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovery between two "computers": network namespaces joined by a veth pair, made and removed here. The
 * standalone server (its real command line, announcing by default) runs in one, a JmDNS browser in the other.
 * A host is found within 3 s of its ready line ("listening") and gone within 10 s of being stopped. Needs root and
 * {@code ip}; elsewhere it is skipped, saying so.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NetnsDiscoveryTest {
    private static final Logger LOG = LoggerFactory.getLogger(NetnsDiscoveryTest.class);
    private static final long PID = ProcessHandle.current().pid();
    private static final String SERVER_NS = "confab-a" + PID;
    private static final String BROWSER_NS = "confab-b" + PID;
    private static final String SERVER_IF = "cfa" + PID;
    private static final String BROWSER_IF = "cfb" + PID;
    private static final String SERVER_IP = "10.77.0.1";
    private static final String BROWSER_IP = "10.77.0.2";

    private static final List<Process> processes = new ArrayList<>();
    private static boolean madeNamespaces;

    @BeforeAll
    static void makeTwoComputers() throws Exception {
        Assumptions.assumeTrue(isRoot(), "NOT RUN: discovery between network namespaces needs root "
                + "(CI runs it as root); the loopback tests cover the rest");
        Assumptions.assumeTrue(run("ip", "-V") == 0, "NOT RUN: the ip command (iproute2) is missing");
        madeNamespaces = true;
        ip("netns", "add", SERVER_NS);
        ip("netns", "add", BROWSER_NS);
        ip("link", "add", SERVER_IF, "type", "veth", "peer", "name", BROWSER_IF);
        ip("link", "set", SERVER_IF, "netns", SERVER_NS);
        ip("link", "set", BROWSER_IF, "netns", BROWSER_NS);
        for (String[] side : new String[][] {{SERVER_NS, SERVER_IF, SERVER_IP}, {BROWSER_NS, BROWSER_IF, BROWSER_IP}}) {
            ip("-n", side[0], "addr", "add", side[2] + "/24", "dev", side[1]);
            ip("-n", side[0], "link", "set", "lo", "up");
            ip("-n", side[0], "link", "set", side[1], "up", "multicast", "on");
            // Multicast leaves by this route even where a default route points elsewhere.
            ip("-n", side[0], "route", "add", "224.0.0.0/4", "dev", side[1]);
        }
    }

    @AfterAll
    static void removeThem() throws Exception {
        for (Process process : processes) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (madeNamespaces) {
            // Deleting a namespace deletes the veth end inside it, and with it the pair.
            run("ip", "netns", "del", SERVER_NS);
            run("ip", "netns", "del", BROWSER_NS);
        }
    }

    @Test
    void aHostInTheOtherNamespaceIsFoundWithin3SecondsAndGoneWithin10AfterItStops(@org.junit.jupiter.api.io.TempDir
                                                                                     Path dir) throws Exception {
        String name = "Netns room " + PID;
        Lines browser = start(BROWSER_NS, NetnsBrowserMain.class.getName(), BROWSER_IP);
        assertThat(browser.await(line -> line.equals("READY"), 30)).as("browser ready").isNotNull();

        Lines server = start(SERVER_NS, Main.class.getName(), "--port", "0", "--name", name, "--admin-port", "off",
                "--data-dir", dir.resolve("data").toString());
        String ready = server.await(line -> line.startsWith("Confab server listening"), 60);
        assertThat(ready).as("server ready").isNotNull();
        long listening = System.nanoTime();
        // The port from the server's log line, written whole: the ready line on stdout shares the pipe with the
        // log on stderr and may be cut by a log line (seen: "…:34211" + "2026-12-03T… Announcing …", "/ws" later).
        Pattern bound = Pattern.compile("RunningServer .* listening on wss?://[^:/]+:(\\d+)/ws");
        String port = server.seen().stream().map(bound::matcher).filter(Matcher::find).map(m -> m.group(1))
                .findFirst().orElseThrow(() -> new AssertionError("no port in " + server.seen()));

        // The clock starts when the host starts hosting: its ready line, not its "Announcing" one.
        String found = browser.awaitUntil(line -> line.startsWith("FOUND " + name),
                listening + TimeUnit.SECONDS.toNanos(3));
        long foundAt = System.nanoTime();
        assertThat(found).as("found within 3 s of the server's ready line").isNotNull();
        assertThat(found).as("found with the address and port to join").contains(" at " + SERVER_IP + ":" + port + " ");
        await("server announcing on the veth").atMost(Duration.ofSeconds(5)).until(() -> server.seen().stream()
                .anyMatch(line -> line.contains("Announcing \"" + name + "\"") && line.contains(SERVER_IP)));
        LOG.info("Found {} ms after the server listened", TimeUnit.NANOSECONDS.toMillis(foundAt - listening));

        long stopping = System.nanoTime();
        server.process().destroy(); // SIGTERM: the shutdown hook stops the server and says goodbye
        assertThat(browser.await(line -> line.startsWith("GONE " + name), 10)).as("gone within 10 s").isNotNull();
        LOG.info("Gone {} ms after the stop", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping));
        assertThat(server.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    private static Lines start(String namespace, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace,
                ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                mainClass));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        processes.add(process);
        return Lines.follow(process, namespace);
    }

    /** The output of a process, line by line, for waiting on. */
    private record Lines(Process process, BlockingQueue<String> queue, List<String> all) {
        static Lines follow(Process process, String label) {
            BlockingQueue<String> queue = new LinkedBlockingQueue<>();
            List<String> all = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        LOG.info("[{}] {}", label, line);
                        all.add(line);
                        queue.add(line);
                    }
                } catch (IOException e) {
                    LOG.debug("Output of {} ended: {}", label, e.toString());
                }
            }, "netns-" + label);
            reader.setDaemon(true);
            reader.start();
            return new Lines(process, queue, all);
        }

        /** Every line so far, whether or not awaited. */
        List<String> seen() {
            return List.copyOf(all);
        }

        @Nullable String await(java.util.function.Predicate<String> wanted, long seconds) throws InterruptedException {
            return awaitUntil(wanted, System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds));
        }

        /** The first line {@code wanted} before {@code deadline} ({@link System#nanoTime()}); null if none. */
        @Nullable String awaitUntil(java.util.function.Predicate<String> wanted, long deadline)
                throws InterruptedException {
            for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
                String line = queue.poll(left, TimeUnit.NANOSECONDS);
                if (line != null && wanted.test(line)) {
                    return line;
                }
            }
            return null;
        }
    }

    private static boolean isRoot() throws Exception {
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return id.waitFor() == 0 && "0".equals(uid);
    }

    private static void ip(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        int status = run(command.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", command));
        }
    }

    private static int run(String... command) throws Exception {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int status = process.waitFor();
            if (status != 0) {
                LOG.warn("{}: {}", String.join(" ", command), output);
            }
            return status;
        } catch (IOException e) {
            return -1;
        }
    }
}
