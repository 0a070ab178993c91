package dev.confab.bench.ws;

/** What the decoder reports: whole messages (fragments already joined) and control frames. */
public interface FrameHandler {
    /** A complete text message: {@code len} bytes of UTF-8 from {@code buf[off]}. The array is reused after. */
    void onText(byte[] buf, int off, int len);

    /** A ping the client must answer with a pong carrying the same payload. */
    void onPing(byte[] payload);

    /** The server closed with {@code code} (1005 when the frame had no status). */
    void onClose(int code);
}
