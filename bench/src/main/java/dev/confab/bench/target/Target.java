package dev.confab.bench.target;

import dev.confab.bench.load.EngineConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A server under test and how to start it as its own process. Every JVM target gets the same heap and GC flags.
 *
 * @param name      short name used in result lines ({@code confab}, {@code netty}, {@code node})
 * @param auth      how the load generator signs in (Confab: guest login; the peers have no accounts)
 * @param jvm       whether heap-after-GC can be read with jcmd
 * @param durable   whether the target stores history (only Confab runs S7 and S8)
 * @param command   the command line, {@code PORT} and {@code DATA} replaced when started
 * @param nodes     processes started with that command line, each on its own port (several: a cluster)
 * @param shared    the Redis and PostgreSQL the nodes share, or none (each node keeps its own SQLite)
 */
public record Target(String name, EngineConfig.Auth auth, boolean jvm, boolean durable, List<String> command,
                     int nodes, Optional<SharedServices> shared) {
    /** Heap and GC flags for every JVM server, stated once so they are equal. */
    public static final List<String> JVM_FLAGS = List.of("-Xms512m", "-Xmx2g", "-XX:+UseG1GC");

    /**
     * Extra flags for every JVM server from {@code BENCH_JVM_FLAGS}, for profiling, e.g.
     * {@code -XX:StartFlightRecording:filename=@OUT@/@NAME@.jfr,settings=profile}; {@code @OUT@} becomes the results
     * directory and {@code @NAME@} the target and scenario.
     */
    static List<String> jvmFlags() {
        List<String> flags = new ArrayList<>(JVM_FLAGS);
        String extra = System.getenv().getOrDefault("BENCH_JVM_FLAGS", "").trim();
        if (!extra.isEmpty()) {
            flags.addAll(List.of(extra.split("\\s+")));
        }
        return flags;
    }

    public Target {
        command = List.copyOf(command);
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes must be at least 1");
        }
    }

    /** A target of one process with nothing shared. */
    public Target(String name, EngineConfig.Auth auth, boolean jvm, boolean durable, List<String> command) {
        this(name, auth, jvm, durable, command, 1, Optional.empty());
    }

    /**
     * Confab as {@code nodes} nodes over the shared PostgreSQL and Redis of {@code shared}: the same command line
     * as {@link #confab}, the store and bus given through the environment as an operator would.
     */
    public static Target confabCluster(String name, Path java, List<String> launch, List<String> extraArgs, int nodes,
                                       SharedServices shared) {
        Target single = confab(java, launch, extraArgs);
        return new Target(name, single.auth(), true, true, single.command(), nodes, Optional.of(shared));
    }

    /**
     * The Confab server with guests allowed, started from {@code launch} ({@code -jar confab-server.jar}, or
     * {@code -cp ... dev.confab.server.cli.Main}); {@code extraArgs} come from {@code CONFAB_SERVER_ARGS}.
     */
    public static Target confab(Path java, List<String> launch, List<String> extraArgs) {
        List<String> cmd = new ArrayList<>(List.of(java.toString()));
        cmd.addAll(jvmFlags());
        cmd.add("-Xlog:gc:file=GCLOG");
        cmd.addAll(launch);
        cmd.addAll(List.of("--port", "PORT", "--data-dir", "DATA", "--bind", "127.0.0.1", "--guests"));
        cmd.addAll(extraArgs);
        return new Target("confab", EngineConfig.Auth.GUEST, true, true, cmd);
    }

    /** The Netty peer from the bench jar, one worker thread per core. */
    public static Target netty(Path java, Path benchJar) {
        List<String> cmd = new ArrayList<>(List.of(java.toString()));
        cmd.addAll(jvmFlags());
        cmd.addAll(List.of("-Xlog:gc:file=GCLOG", "-cp", benchJar.toString(), "dev.confab.bench.peer.NettyPeer",
                "--port", "PORT", "--bind", "127.0.0.1", "--backlog", "1024"));
        return new Target("netty", EngineConfig.Auth.NONE, true, false, cmd);
    }

    /** The Node {@code ws} peer. */
    public static Target node(Path nodeDir) {
        return new Target("node", EngineConfig.Auth.NONE, false, false, List.of("node", "--max-old-space-size=2048",
                nodeDir.resolve("server.js").toString(), "--port", "PORT", "--bind", "127.0.0.1",
                "--backlog", "1024"));
    }
}
