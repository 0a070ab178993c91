package dev.confab.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the frame codec in both directions: the server decoding what a client sent, and the desktop client
 * decoding what a server sent (the client must survive a hostile server). Neither may throw; a frame that decodes
 * must encode to text that decodes and encodes to the same text. (Not to the same frame: a timestamp read with more
 * than the protocol's millisecond precision is written with milliseconds; the first fuzzing run found that.)
 *
 * <p>{@code mvn test} replays the saved inputs under {@code src/test/resources/dev/confab/protocol/
 * FrameCodecFuzzTestInputs/<method>/} (regression mode). A real fuzzing run, for one method at a time:
 * {@code JAZZER_FUZZ=1 ./mvnw -B -o -pl shared-model -am test -Dtest=FrameCodecFuzzTest#decodeClient
 * -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.max_duration=10m} (see docs/SECURITY.md, Fuzzing).
 */
class FrameCodecFuzzTest {
    private static final FrameCodec SERVER_SIDE = FrameCodec.create();
    private static final FrameCodec CLIENT_SIDE = FrameCodec.forClient();

    @FuzzTest(maxDuration = "2m")
    void decodeClient(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        switch (SERVER_SIDE.decodeClient(text)) {
            case Decoded.Ok<ClientFrame> ok -> {
                String encoded = SERVER_SIDE.encode(ok.frame());
                if (!(SERVER_SIDE.decodeClient(encoded) instanceof Decoded.Ok<ClientFrame> again)) {
                    throw new AssertionError("what the codec wrote does not decode: " + encoded);
                }
                assertThat(SERVER_SIDE.encode(again.frame())).as("round trip of %s", text).isEqualTo(encoded);
            }
            case Decoded.Failed<ClientFrame> failed -> assertThat(failed.error().code()).isNotNull();
        }
    }

    @FuzzTest(maxDuration = "2m")
    void decodeServer(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        switch (CLIENT_SIDE.decodeServer(text)) {
            case Decoded.Ok<ServerFrame> ok -> {
                String encoded = CLIENT_SIDE.encode(ok.frame());
                if (!(CLIENT_SIDE.decodeServer(encoded) instanceof Decoded.Ok<ServerFrame> again)) {
                    throw new AssertionError("what the codec wrote does not decode: " + encoded);
                }
                assertThat(CLIENT_SIDE.encode(again.frame())).as("round trip of %s", text).isEqualTo(encoded);
            }
            case Decoded.Failed<ServerFrame> failed -> assertThat(failed.error().code()).isNotNull();
        }
    }
}
