package dev.confab.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** docs/PROTOCOL.md, the golden files, the code and shared/PROTOCOL-CORE.md say the same thing. */
class DocsAgreementTest {
    private static final Path REPO = Path.of("..");
    private static final Path SPEC = REPO.resolve("docs/PROTOCOL.md");
    private static final Path CORE = REPO.resolve("../shared/PROTOCOL-CORE.md");
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\s*\\n(.*?)\\n\\s*```", Pattern.DOTALL);
    private static final ObjectMapper PLAIN = new ObjectMapper();
    /** Frames this implementation adds to the core protocol; docs/PROTOCOL.md marks them as additions. */
    private static final java.util.Set<String> ADDITIONS = java.util.Set.of("change_password", "logout",
            "password_changed", "logged_out");

    private final FrameCodec codec = FrameCodec.create();

    @Test
    void showsEveryGoldenFrameAsAnExample() throws IOException {
        List<JsonNode> examples = examplesInSpec();
        try (Stream<Path> golden = Files.walk(Path.of("src/test/resources/golden"))) {
            List<Path> files = golden.filter(p -> p.toString().endsWith(".json")).toList();
            assertThat(files).hasSize(FrameCodec.typeNamesOf(ClientFrame.class).size()
                    + FrameCodec.typeNamesOf(ServerFrame.class).size());
            for (Path file : files) {
                assertThat(examples).as("example of %s in docs/PROTOCOL.md", file)
                        .contains(PLAIN.readTree(Files.readString(file)));
            }
        }
    }

    @Test
    void everyExampleInTheSpecDecodes() throws IOException {
        for (JsonNode example : examplesInSpec()) {
            String text = example.toString();
            boolean fromServer = example.has("timestamp");
            Decoded<?> decoded = fromServer ? codec.decodeServer(text) : codec.decodeClient(text);
            assertThat(decoded).as(text).isInstanceOf(Decoded.Ok.class);
        }
    }

    @Test
    void documentsEveryErrorCode() throws IOException {
        String spec = Files.readString(SPEC);
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(spec).contains("| `" + code.wireName() + "` |");
        }
    }

    @Test
    void documentsEveryCloseCode() throws IOException {
        String spec = Files.readString(SPEC);
        for (CloseCode code : CloseCode.values()) {
            assertThat(spec).contains("| " + code.code() + " |");
        }
    }

    @Test
    void implementsEveryCodeOfTheCore() throws IOException {
        Assumptions.assumeTrue(Files.exists(CORE), "shared/PROTOCOL-CORE.md is beside the repository in CI");
        String core = Files.readString(CORE);
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(core).contains("`" + code.wireName() + "`");
        }
        Matcher closeRow = Pattern.compile("^\\| (\\d{4}) \\|", Pattern.MULTILINE).matcher(core);
        int rows = 0;
        while (closeRow.find()) {
            assertThat(CloseCode.of(Integer.parseInt(closeRow.group(1)))).as(closeRow.group()).isPresent();
            rows++;
        }
        assertThat(rows).isEqualTo(8);
        for (String type : FrameCodec.typeNamesOf(ClientFrame.class)) {
            if (!ADDITIONS.contains(type)) {
                assertThat(core).contains("`" + type + "`");
            }
        }
        for (String type : FrameCodec.typeNamesOf(ServerFrame.class)) {
            if (!ADDITIONS.contains(type)) {
                assertThat(core).contains("`" + type + "`");
            }
        }
    }

    @Test
    void documentsEveryAdditionAsSuch() throws IOException {
        String spec = Files.readString(SPEC);
        for (String type : ADDITIONS) {
            assertThat(spec).contains("| `" + type + "` |");
        }
        assertThat(spec).contains("(addition)");
    }

    @Test
    void keepsTheCoreTextInTheSpec() throws IOException {
        Assumptions.assumeTrue(Files.exists(CORE), "shared/PROTOCOL-CORE.md is beside the repository in CI");
        String spec = Files.readString(SPEC);
        // The core's frame table rows are the contract; the full spec repeats them word for word.
        Matcher row = Pattern.compile("^\\| `[a-z_]+` \\|.*$", Pattern.MULTILINE).matcher(Files.readString(CORE));
        int rows = 0;
        while (row.find()) {
            assertThat(spec).contains(row.group());
            rows++;
        }
        assertThat(rows).as("rows of the envelope and client frame tables").isEqualTo(17);
    }

    private static List<JsonNode> examplesInSpec() throws IOException {
        Matcher block = JSON_BLOCK.matcher(Files.readString(SPEC));
        List<JsonNode> examples = new ArrayList<>();
        while (block.find()) {
            examples.add(PLAIN.readTree(block.group(1)));
        }
        assertThat(examples).isNotEmpty();
        return examples;
    }
}
