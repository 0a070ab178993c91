package dev.confab.server.net;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.java_websocket.framing.TextFrame;

/**
 * A text frame encoded once, WebSocket header included, and handed to many connections. Java-WebSocket would
 * frame it again for every recipient (a new buffer and a copy of the payload each time); {@link BoundedDraft}
 * hands each recipient a view of {@link #framed()} instead. Every read gets its own view, so connections on
 * different threads never share a buffer position.
 */
public final class SharedTextFrame extends TextFrame {
    /** FIN and the text opcode: a whole message in one frame. */
    private static final byte FIN_TEXT = (byte) 0x81;
    private static final int MAX_ONE_BYTE_LENGTH = 125;
    private static final int TWO_BYTE_LENGTH = 126;
    private static final int EIGHT_BYTE_LENGTH = 127;

    private final ByteBuffer framed;
    private final ByteBuffer payload;

    private SharedTextFrame(byte[] utf8) {
        int length = utf8.length;
        int header = length <= MAX_ONE_BYTE_LENGTH ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuffer frame = ByteBuffer.allocate(header + length);
        frame.put(FIN_TEXT);
        // A server's frames are not masked (RFC 6455 §5.1), so the second byte is the length or its marker.
        if (header == 2) {
            frame.put((byte) length);
        } else if (header == 4) {
            frame.put((byte) TWO_BYTE_LENGTH).putShort((short) length);
        } else {
            frame.put((byte) EIGHT_BYTE_LENGTH).putLong(length);
        }
        frame.put(utf8).flip();
        // Writable views: the library calls array() on every buffer it queues (for a trace message it builds
        // eagerly), which a read-only buffer refuses. Nothing writes into them; sockets only read.
        this.framed = frame;
        this.payload = frame.duplicate().position(header).slice().asReadOnlyBuffer();
        super.setPayload(this.payload);
    }

    /** A frame carrying {@code text} as UTF-8. */
    public static SharedTextFrame of(String text) {
        return new SharedTextFrame(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The payload's size in bytes. */
    public int size() {
        return payload.remaining();
    }

    /** The whole frame as a server sends it (header and payload), as a fresh view. */
    public ByteBuffer framed() {
        return framed.duplicate();
    }

    @Override
    public ByteBuffer getPayloadData() {
        return payload.duplicate();
    }
}
