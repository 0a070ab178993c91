package dev.confab.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.bench.ws.Handshake;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the generator reads history replies: the first of a connection in full, the rest by a scan. */
class HistoryRepliesTest {
    private static final String PAGE = "\"data\":{\"messages\":[{\"type\":\"message\",\"room\":\"h1\","
            + "\"sender\":\"bob\",\"timestamp\":\"2026-11-21T11:59:00.000Z\",\"data\":{\"seq\":41,"
            + "\"content\":\"hi\",\"user_id\":\"u2\",\"username\":\"bob\"}}],\"has_more\":true}}";

    private static byte[] reply(String replyTo, String timestamp) {
        return ("{\"type\":\"history\",\"room\":\"h1\",\"reply_to\":\"" + replyTo + "\",\"timestamp\":\"" + timestamp
                + "\"," + PAGE).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aConnectionsFirstReplyIsCheckedInFullAndLaterPhasesAreOnlyScanned() throws Exception {
        try (LoadEngine engine = LoadEngine.create(new EngineConfig("127.0.0.1", 1, "/ws", EngineConfig.Auth.NONE, 1,
                1, 100, "t"));
             SocketChannel unused = SocketChannel.open()) {
            IoLoop loop = new IoLoop(engine, 1);
            FrameTraffic traffic = new FrameTraffic(engine, loop, engine.stats().forLoop());
            Conn good = new Conn(0, "t0", unused, Handshake.create("127.0.0.1", 1, "/ws"), null);
            Conn bad = new Conn(1, "t1", unused, Handshake.create("127.0.0.1", 1, "/ws"), null);
            good.queryIntended = new long[4];
            bad.queryIntended = new long[4];

            engine.startPhase(List.of(), null);
            byte[] first = reply(Marker.queryId(1, 0), "2026-11-21T12:00:00.000Z");
            traffic.onText(good, first, 0, first.length);
            assertThat(engine.stats().historyReplies()).isEqualTo(1);
            assertThat(engine.stats().firstProblem()).isEmpty();

            // A later phase: the reply is counted by its id, without a second full decode (which would refuse
            // this timestamp, as the first reply of the other connection shows).
            engine.startPhase(List.of(), null);
            byte[] later = reply(Marker.queryId(2, 1), "not a time");
            traffic.onText(good, later, 0, later.length);
            assertThat(engine.stats().historyReplies()).isEqualTo(2);
            assertThat(engine.stats().firstProblem()).isEmpty();
            byte[] stale = reply(Marker.queryId(1, 2), "2026-11-21T12:00:00.000Z");
            traffic.onText(good, stale, 0, stale.length);
            assertThat(engine.stats().stale()).isEqualTo(1);

            byte[] badFirst = reply(Marker.queryId(2, 0), "not a time");
            traffic.onText(bad, badFirst, 0, badFirst.length);
            assertThat(engine.stats().firstProblem()).startsWith("bad history frame");
            assertThat(engine.stats().historyReplies()).isEqualTo(2);
        }
    }
}
