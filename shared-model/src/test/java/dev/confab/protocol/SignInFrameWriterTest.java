package dev.confab.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code hello} and {@code connected} are written by hand; the text must be the mapper's, character for character. */
class SignInFrameWriterTest {
    private static final FrameCodec CODEC = FrameCodec.create();
    private static final Instant NOW = Instant.parse("2026-12-03T13:50:07.089Z");
    /** Text that JSON must escape, and text that it must not. */
    private static final List<String> AWKWARD = List.of("plain", "quote\" and \\ backslash", "tab\tnew\nline\u0001",
            "ünïcödé and 😀", "</script>", "\u2028\u2029", "");

    static Stream<ServerFrame> frames() {
        Stream.Builder<ServerFrame> frames = Stream.builder();
        for (String text : AWKWARD) {
            ServerFrame.ServerInfo server = new ServerFrame.ServerInfo("Confab " + text, "0.1.0-" + text);
            frames.add(new ServerFrame.Hello(NOW, new ServerFrame.HelloData(server, 1, true, false)));
            frames.add(new ServerFrame.Hello(NOW.plusNanos(999_999_999), new ServerFrame.HelloData(server, 7, false,
                    true)));
            for (String replyTo : new String[] {null, "r-" + text}) {
                frames.add(new ServerFrame.Connected(replyTo, NOW, new ServerFrame.Session("g:" + text, text,
                        "eyJhbGciOiJIUzI1NiJ9.e30." + text, NOW.plusSeconds(86_400), true, server)));
                frames.add(new ServerFrame.Connected(replyTo, Instant.EPOCH, new ServerFrame.Session("u1", "alice",
                        "t", Instant.parse("9999-12-31T23:59:59.999Z"), false, server)));
            }
        }
        // Nulls are left out, as the mapper leaves them out.
        frames.add(new ServerFrame.Hello(null, null));
        frames.add(new ServerFrame.Hello(NOW, new ServerFrame.HelloData(null, 1, true, true)));
        frames.add(new ServerFrame.Connected(null, null, null));
        frames.add(new ServerFrame.Connected(null, NOW, new ServerFrame.Session(null, null, null, null, false,
                new ServerFrame.ServerInfo(null, null))));
        return frames.build();
    }

    @ParameterizedTest
    @MethodSource("frames")
    void writesWhatTheMapperWrites(ServerFrame frame) {
        String text = CODEC.encode(frame);
        assertThat(text).isEqualTo(CODEC.encodeWithMapper(frame));
        if (frame instanceof ServerFrame.Connected connected && connected.data() != null
                && connected.data().userId() != null) {
            assertThat(CODEC.decodeServer(text)).isEqualTo(new Decoded.Ok<>(frame));
        }
    }
}
