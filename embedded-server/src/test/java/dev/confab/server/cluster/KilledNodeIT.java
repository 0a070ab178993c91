package dev.confab.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.ServerFrame;
import dev.confab.server.RunningServer;
import dev.confab.server.testing.Cluster;
import dev.confab.server.testing.Frames;
import dev.confab.server.testing.PostgresProcess;
import dev.confab.server.testing.RedisProcess;
import dev.confab.server.testing.TestClient;
import dev.confab.server.testing.TestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node of the packaged {@code confab-server.jar} killed with SIGKILL: its client reconnects to another node with
 * its token and resumes with {@code since}; every message it had acknowledged is there, and the other node's
 * clients had them all live. Skipped without redis-server or initdb.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class KilledNodeIT {
    private static final Pattern READY = Pattern.compile("Confab server listening on ws://127\\.0\\.0\\.1:(\\d+)/ws");
    private static @Nullable PostgresProcess postgres;
    private static @Nullable RedisProcess redis;

    @TempDir
    Path dir;
    private Process jarNode;
    private Cluster cluster;

    @BeforeAll
    static void startPostgresAndRedis() {
        redis = RedisProcess.start();
        postgres = PostgresProcess.start();
    }

    @AfterAll
    static void stopPostgresAndRedis() {
        if (postgres != null) {
            postgres.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @AfterEach
    void stopNodes() {
        if (jarNode != null) {
            jarNode.destroyForcibly();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aKilledNodesClientResumesOnAnotherNodeWithNothingAcknowledgedLost() throws Exception {
        String storeUrl = postgres.newDatabase();
        cluster = new Cluster(storeUrl, redis.uri(), dir);
        int jarPort = startJarNode(storeUrl);
        RunningServer survivor = cluster.startNode();

        TestClient watcher = cluster.registered(survivor, "watcher").client();
        TestServer.join(watcher, "lobby");
        Cluster.Session pat = cluster.registered(cluster.connectTo(jarPort), "pat");
        TestServer.join(pat.client(), "lobby");
        for (int i = 1; i <= 5; i++) {
            pat.client().send(Frames.send("lobby", "m" + i, "p" + i));
        }
        List<Long> acknowledged = seqs(pat.client(), 5);
        assertThat(acknowledged).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(seqs(watcher, 5)).containsExactly(1L, 2L, 3L, 4L, 5L);

        jarNode.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(pat.client().awaitClose()).isNotZero();

        TestClient resumed = cluster.withToken(survivor, pat.data().token()).client();
        resumed.send(Frames.joinSince("lobby", 0));
        assertThat(seqs(resumed, 5)).containsExactly(1L, 2L, 3L, 4L, 5L);
        resumed.send(Frames.send("lobby", "back", "p6"));
        assertThat(watcher.await(ServerFrame.Message.class).data().seq()).isEqualTo(6);
    }

    private int startJarNode(String storeUrl) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", System.getProperty("confab.server.jar"),
                "--bind", "127.0.0.1", "--port", "0", "--admin-port", "off", "--data-dir",
                dir.resolve("jar-node").toString(), "--frames-per-second", "1000", "--frame-burst", "1000");
        builder.environment().keySet().removeIf(name -> name.startsWith("CONFAB_"));
        builder.environment().put("CONFAB_STORE", storeUrl);
        builder.environment().put("CONFAB_BUS", redis.uri());
        builder.redirectError(dir.resolve("jar-node.log").toFile());
        jarNode = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(jarNode.getInputStream(),
                StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(90, TimeUnit.SECONDS);
        assertThat(line).as("ready line (log: %s)", dir.resolve("jar-node.log")).isNotNull();
        Matcher matcher = READY.matcher(line);
        assertThat(matcher.matches()).as(line).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    private static List<Long> seqs(TestClient client, int count) {
        List<Long> seqs = new ArrayList<>();
        while (seqs.size() < count) {
            seqs.add(client.await(ServerFrame.Message.class).data().seq());
        }
        return seqs;
    }
}
