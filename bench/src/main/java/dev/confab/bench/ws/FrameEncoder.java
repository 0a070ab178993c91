package dev.confab.bench.ws;

import java.util.concurrent.ThreadLocalRandom;

/** Encodes client-to-server frames: always masked (RFC 6455 §5.3), always final. */
public final class FrameEncoder {
    /** Text frame opcode. */
    public static final int TEXT = 0x1;
    /** Close frame opcode. */
    public static final int CLOSE = 0x8;
    /** Pong frame opcode. */
    public static final int PONG = 0xA;

    private FrameEncoder() {
    }

    /** A masked final text frame carrying {@code payload}, with a random mask key. */
    public static byte[] text(byte[] payload) {
        return frame(TEXT, payload, ThreadLocalRandom.current().nextInt());
    }

    /** A masked final frame of {@code opcode} with the given mask key. */
    public static byte[] frame(int opcode, byte[] payload, int maskKey) {
        int len = payload.length;
        int lengthBytes = len < 126 ? 0 : len <= 0xFFFF ? 2 : 8;
        byte[] out = new byte[2 + lengthBytes + 4 + len];
        out[0] = (byte) (0x80 | opcode);
        int p = 2;
        if (lengthBytes == 0) {
            out[1] = (byte) (0x80 | len);
        } else if (lengthBytes == 2) {
            out[1] = (byte) (0x80 | 126);
            out[p++] = (byte) (len >>> 8);
            out[p++] = (byte) len;
        } else {
            out[1] = (byte) (0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out[p++] = (byte) ((long) len >>> shift);
            }
        }
        byte[] mask = {(byte) (maskKey >>> 24), (byte) (maskKey >>> 16), (byte) (maskKey >>> 8), (byte) maskKey};
        System.arraycopy(mask, 0, out, p, 4);
        p += 4;
        for (int i = 0; i < len; i++) {
            out[p + i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        return out;
    }

    /** A masked close frame with status 1000. */
    public static byte[] normalClose() {
        return frame(CLOSE, new byte[] {0x03, (byte) 0xE8}, ThreadLocalRandom.current().nextInt());
    }
}
