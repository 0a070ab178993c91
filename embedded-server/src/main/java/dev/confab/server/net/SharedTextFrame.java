package dev.confab.server.net;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.java_websocket.framing.TextFrame;

/**
 * A text frame whose payload is encoded once and handed to many connections. The library reads the payload
 * while framing it for each connection; each read gets its own view, so connections on different threads never
 * share a buffer position.
 */
public final class SharedTextFrame extends TextFrame {
    private final ByteBuffer payload;

    private SharedTextFrame(ByteBuffer payload) {
        this.payload = payload.asReadOnlyBuffer();
        super.setPayload(this.payload);
    }

    /** A frame carrying {@code text} as UTF-8. */
    public static SharedTextFrame of(String text) {
        return new SharedTextFrame(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The payload's size in bytes, which is what a connection's output grows by. */
    public int size() {
        return payload.remaining();
    }

    @Override
    public ByteBuffer getPayloadData() {
        return payload.duplicate();
    }
}
