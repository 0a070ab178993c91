package dev.confab.server.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;

/**
 * A real {@code redis-server} on a free loopback port, without persistence. {@link #stop()} kills it (what a
 * crash looks like to the nodes); {@link #startServer()} brings it back, empty, on the same port. Skips the test when
 * redis-server is not installed.
 */
public final class RedisProcess implements AutoCloseable {
    private final Path binary;
    private final Path log;
    private final int port;
    private Process process;
    private @Nullable RedisClient client;

    private RedisProcess(Path binary, Path log, int port) {
        this.binary = binary;
        this.log = log;
        this.port = port;
    }

    public static RedisProcess start() {
        Path binary = ExternalProcesses.require("redis-server", "redis-server", List.of());
        try {
            Path log = Files.createTempFile("confab-redis-", ".log");
            RedisProcess redis = new RedisProcess(binary, log, ExternalProcesses.freePort());
            redis.startServer();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server (again); returns when it accepts connections. */
    public synchronized void startServer() {
        try {
            process = new ProcessBuilder(binary.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "no")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Awaitility.await("redis-server accepting on " + port).atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50)).until(this::accepting);
    }

    /** Kills the server at once. */
    public synchronized void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /**
     * How many connections are subscribed to the channel ({@code PUBSUB NUMSUB}): tells a live subscription apart
     * from messages that arrive by polling the store.
     */
    public synchronized long subscribers(String channel) {
        if (client == null) {
            client = RedisClient.create(uri());
        }
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().pubsubNumsub(channel).getOrDefault(channel, 0L);
        }
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    private boolean accepting() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            client = null;
        }
        stop();
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // A leftover log file is harmless.
        }
    }
}
