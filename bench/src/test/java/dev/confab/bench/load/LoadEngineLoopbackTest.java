package dev.confab.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.bench.peer.NettyPeer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The generator against the in-process Netty peer on a loopback port: small, but every path is real. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoadEngineLoopbackTest {
    private static EngineConfig config(int port) {
        return new EngineConfig("127.0.0.1", port, "/ws", EngineConfig.Auth.NONE, 2, 8, 100, "t");
    }

    @Test
    void everyMemberReceivesEveryOpenLoopMessageExactlyOnce() throws Exception {
        try (NettyPeer peer = NettyPeer.start("127.0.0.1", 0, 2, 128);
             LoadEngine engine = LoadEngine.create(config(peer.port()))) {
            List<Integer> conns = engine.connect(20, Duration.ofSeconds(20));
            assertThat(engine.stats().ready()).isEqualTo(20);
            assertThat(engine.stats().handshakes()).isEqualTo(20);
            Map<Integer, List<String>> rooms = new HashMap<>();
            conns.forEach(c -> rooms.put(c, List.of("room")));
            assertThat(engine.join(rooms, Duration.ofSeconds(20))).isTrue();

            List<SendPlan> plans = new ArrayList<>();
            plans.add(new SendPlan.OpenLoop(conns.get(0), "room", 2_000_000, 0, 25));
            plans.add(new SendPlan.OpenLoop(conns.get(1), "room", 2_000_000, 1_000_000, 25));
            engine.startPhase(plans, null);
            boolean all = LoadEngine.await(() -> engine.stats().delivered() >= 50 * 20, Duration.ofSeconds(20));

            assertThat(all).isTrue();
            assertThat(engine.stats().sent()).isEqualTo(50);
            assertThat(engine.stats().echoes()).isEqualTo(50);
            Histogram latency = engine.stats().drain(Stats.Kind.LATENCY);
            assertThat(latency.getTotalCount()).isEqualTo(1000);
            assertThat(engine.stats().errors()).isZero();
            assertThat(engine.stats().firstProblem()).isEmpty();
        }
    }

    @Test
    void windowKeepsAtMostFourBroadcastsInFlightAndRecordsEachCompletion() throws Exception {
        try (NettyPeer peer = NettyPeer.start("127.0.0.1", 0, 2, 128);
             LoadEngine engine = LoadEngine.create(config(peer.port()))) {
            List<Integer> conns = engine.connect(10, Duration.ofSeconds(20));
            Map<Integer, List<String>> rooms = new HashMap<>();
            conns.forEach(c -> rooms.put(c, List.of("cap")));
            assertThat(engine.join(rooms, Duration.ofSeconds(20))).isTrue();
            SendPlan.WindowTracker window = new SendPlan.WindowTracker(30, 10, 4);
            List<Integer> senders = List.of(conns.get(0), conns.get(2), conns.get(4));
            engine.startPhase(List.of(new SendPlan.Window(conns.get(0), senders, "cap", 30, 0, window)), window);

            assertThat(LoadEngine.await(() -> window.completed() == 30, Duration.ofSeconds(20))).isTrue();
            assertThat(engine.stats().drain(Stats.Kind.RTT).getTotalCount()).isEqualTo(30);
            assertThat(engine.stats().delivered()).isEqualTo(300);
        }
    }

    @Test
    void connectionsToAClosedPortCountAsFailuresNotHangs() throws Exception {
        int port;
        try (NettyPeer peer = NettyPeer.start("127.0.0.1", 0, 1, 16)) {
            port = peer.port();
        }
        try (LoadEngine engine = LoadEngine.create(config(port))) {
            engine.connect(5, Duration.ofSeconds(20));
            assertThat(engine.stats().connectFailures()).isEqualTo(5);
            assertThat(engine.stats().ready()).isZero();
        }
    }
}
