package dev.confab.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the wire format: every frame type has a golden file under {@code golden/client} or {@code golden/server},
 * written by hand after PROTOCOL-CORE.md. Encoding the example must give exactly the golden JSON (as a tree:
 * key order is not part of the format), and decoding the golden text must give back the example.
 */
class GoldenFilesTest {
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private final FrameCodec codec = FrameCodec.create();

    static Stream<Arguments> clientExamples() {
        return Examples.clientFrames().stream().map(f -> Arguments.of(wireName(f.getClass()), f));
    }

    static Stream<Arguments> serverExamples() {
        return Examples.serverFrames().stream().map(f -> Arguments.of(wireName(f.getClass()), f));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientExamples")
    void clientFrameMatchesItsGoldenFile(String type, ClientFrame example) {
        String golden = read("golden/client/" + type + ".json");

        assertThat(tree(codec.encode(example))).isEqualTo(tree(golden));
        assertThat(codec.decodeClient(golden)).isEqualTo(new Decoded.Ok<>(example));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverExamples")
    void serverFrameMatchesItsGoldenFile(String type, ServerFrame example) {
        String golden = read("golden/server/" + type + ".json");

        assertThat(tree(codec.encode(example))).isEqualTo(tree(golden));
        assertThat(codec.decodeServer(golden)).isEqualTo(new Decoded.Ok<>(example));
    }

    static String wireName(Class<?> frameClass) {
        Class<?> hierarchy = ClientFrame.class.isAssignableFrom(frameClass) ? ClientFrame.class : ServerFrame.class;
        return Stream.of(hierarchy.getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class).value())
                .filter(t -> t.value() == frameClass)
                .map(com.fasterxml.jackson.annotation.JsonSubTypes.Type::name)
                .findFirst()
                .orElseThrow(() -> new AssertionError(frameClass + " is not registered"));
    }

    static String read(String resource) {
        try (InputStream in = GoldenFilesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("golden file %s", resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return PLAIN.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
