package dev.confab.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Role;
import org.java_websocket.framing.TextFrame;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SharedTextFrameTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65_535, 65_536, 200_000})
    void isFramedExactlyAsTheLibraryFramesAServerTextFrame(int length) {
        String text = "é".repeat(length / 2) + "x".repeat(length % 2);
        SharedTextFrame shared = SharedTextFrame.of(text);
        TextFrame plain = new TextFrame();
        plain.setPayload(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        Draft_6455 serverDraft = new Draft_6455();
        serverDraft.setParseMode(Role.SERVER);

        assertThat(shared.framed()).isEqualTo(serverDraft.createBinaryFrame(plain));
        assertThat(shared.getPayloadData()).isEqualTo(plain.getPayloadData());
        assertThat(shared.size()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 1000})
    void aBoundedDraftHandsOutTheSharedBytesAndMetersThem(int length) {
        SharedTextFrame shared = SharedTextFrame.of("y".repeat(length));
        BoundedDraft draft = (BoundedDraft) new BoundedDraft(65_536, 65_536).copyInstance();
        draft.setParseMode(Role.SERVER);

        ByteBuffer first = draft.createBinaryFrame(shared);
        ByteBuffer second = draft.createBinaryFrame(shared);
        first.position(first.limit()); // one recipient's write must not move another's view

        assertThat(second).isEqualTo(shared.framed());
        assertThat(draft.meter().queuedBytes()).isEqualTo(2L * shared.framed().remaining());
        draft.meter().written(shared.framed().remaining());
        assertThat(draft.meter().queuedBytes()).isEqualTo(shared.framed().remaining());
    }
}
