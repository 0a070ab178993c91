package dev.confab.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.Decoded;
import dev.confab.protocol.FrameCodec;
import dev.confab.protocol.ServerFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MarkerTest {
    @Test
    void contentHasTheAskedSizeAndItsMarkParsesBack() {
        String content = Marker.content(3, 17, 42, 123_456_789_012L, 100);
        assertThat(content).hasSize(100).startsWith("cfb|3|17|42|123456789012|");
        String frame = "{\"type\":\"message\",\"room\":\"r\",\"data\":{\"seq\":9,\"content\":\"" + content + "\"}}";
        byte[] bytes = ("xx" + frame).getBytes(StandardCharsets.UTF_8);
        assertThat(Marker.find(bytes, 2, bytes.length - 2)).isEqualTo(new Marker.Mark(3, 17, 42, 123_456_789_012L));
        assertThat(Marker.typeOf(bytes, 2, bytes.length - 2)).isEqualTo("message");
    }

    @Test
    void framesWithoutAMarkOrWithABrokenOneAreNotDeliveries() {
        byte[] none = "{\"type\":\"message\",\"data\":{\"content\":\"hello\"}}".getBytes(StandardCharsets.UTF_8);
        byte[] broken = "{\"data\":{\"content\":\"cfb|1|2|x|\"}}".getBytes(StandardCharsets.UTF_8);
        assertThat(Marker.find(none, 0, none.length)).isNull();
        assertThat(Marker.find(broken, 0, broken.length)).isNull();
    }

    @Test
    void readsTheEnvelopeTypeOfOtherFrames() {
        byte[] joined = "{\"type\":\"joined_room\",\"room\":\"a\"}".getBytes(StandardCharsets.UTF_8);
        byte[] typeless = "{\"room\":\"a\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(Marker.typeOf(joined, 0, joined.length)).isEqualTo("joined_room");
        assertThat(Marker.typeOf(typeless, 0, typeless.length)).isEmpty();
    }

    @Test
    void requestIdsCarryWhatAResendNeeds() {
        String id = Marker.id(4, 1234, 987_654_321_000L);
        assertThat(id).isEqualTo("m4.1234.987654321000").hasSizeLessThanOrEqualTo(64);
        assertThat(Marker.parseId(id)).isEqualTo(new Marker.Mark(4, -1, 1234, 987_654_321_000L));
        assertThat(Marker.parseId("q17")).isNull();
        assertThat(Marker.parseId("m1.x.2")).isNull();
    }

    @Test
    void historyRepliesAreReadByScanningTheFramesTheProtocolEncodes() {
        String id = Marker.queryId(3, 41);
        assertThat(Marker.parseQueryId(id)).isEqualTo(new Marker.Mark(3, -1, 41, -1));
        assertThat(Marker.parseQueryId("q17")).isNull();
        assertThat(Marker.parseQueryId("m1.2")).isNull();
        byte[] page = encodedHistory(id, "[{\"type\":\"message\",\"room\":\"h1\",\"sender\":\"bob\","
                + "\"timestamp\":\"2026-11-21T11:59:00.000Z\",\"data\":{\"seq\":41,\"content\":\"hi\","
                + "\"user_id\":\"u2\",\"username\":\"bob\"}}]");
        byte[] empty = encodedHistory("q3.42", "[]");
        assertThat(Marker.typeOf(page, 0, page.length)).isEqualTo("history");
        assertThat(Marker.replyTo(page, 0, page.length)).isEqualTo(id);
        assertThat(Marker.hasMessages(page, 0, page.length)).isTrue();
        assertThat(Marker.replyTo(empty, 0, empty.length)).isEqualTo("q3.42");
        assertThat(Marker.hasMessages(empty, 0, empty.length)).isFalse();
        byte[] unanswered = "{\"type\":\"history\",\"room\":\"h1\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(Marker.replyTo(unanswered, 0, unanswered.length)).isNull();
    }

    /** A history frame as the server writes it: decoded from JSON and encoded again by the protocol's codec. */
    private static byte[] encodedHistory(String replyTo, String messages) {
        FrameCodec codec = FrameCodec.create();
        String json = "{\"type\":\"history\",\"room\":\"h1\",\"reply_to\":\"" + replyTo + "\",\"timestamp\":"
                + "\"2026-11-21T12:00:00.000Z\",\"data\":{\"messages\":" + messages + ",\"has_more\":true}}";
        return switch (codec.decodeServer(json)) {
            case Decoded.Ok<ServerFrame> ok -> codec.encode(ok.frame()).getBytes(StandardCharsets.UTF_8);
            case Decoded.Failed<ServerFrame> failed -> throw new AssertionError(failed.error().message());
        };
    }
}
