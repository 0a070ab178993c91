package dev.confab.bench.ws;

import java.util.Arrays;

/**
 * Reads server frames incrementally from whatever bytes have arrived: 7-bit, 16-bit and 64-bit lengths, text
 * messages split across continuation frames, control frames interleaved between fragments. A server must not
 * mask (RFC 6455 §5.1); a masked or otherwise malformed frame is a {@link ProtocolException}. One decoder per
 * connection; not thread-safe.
 */
public final class FrameDecoder {
    private final int maxMessageBytes;
    private byte[] fragments = new byte[0];
    private int fragmentsLen;
    private boolean inFragmentedText;

    private FrameDecoder(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    /** A decoder that refuses messages larger than {@code maxMessageBytes}. */
    public static FrameDecoder create(int maxMessageBytes) {
        return new FrameDecoder(maxMessageBytes);
    }

    /**
     * Decodes every complete frame in {@code buf[off..off+len)} and reports it to {@code handler}.
     *
     * @return how many bytes were consumed; the caller keeps the rest (an incomplete frame) for the next call
     */
    public int decode(byte[] buf, int off, int len, FrameHandler handler) {
        int pos = off;
        int end = off + len;
        while (end - pos >= 2) {
            int b0 = buf[pos] & 0xFF;
            int b1 = buf[pos + 1] & 0xFF;
            if ((b1 & 0x80) != 0) {
                throw new ProtocolException("server frame is masked");
            }
            if ((b0 & 0x70) != 0) {
                throw new ProtocolException("reserved bits set without an extension");
            }
            int header = 2;
            long payloadLen = b1 & 0x7F;
            if (payloadLen == 126) {
                if (end - pos < 4) {
                    break;
                }
                payloadLen = ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
                header = 4;
            } else if (payloadLen == 127) {
                if (end - pos < 10) {
                    break;
                }
                payloadLen = 0;
                for (int i = 0; i < 8; i++) {
                    payloadLen = (payloadLen << 8) | (buf[pos + 2 + i] & 0xFF);
                }
                header = 10;
            }
            if (payloadLen < 0 || payloadLen > maxMessageBytes) {
                throw new ProtocolException("frame of " + payloadLen + " bytes exceeds " + maxMessageBytes);
            }
            if (end - pos < header + payloadLen) {
                break;
            }
            int payloadOff = pos + header;
            int n = (int) payloadLen;
            handleFrame((b0 & 0x80) != 0, b0 & 0x0F, buf, payloadOff, n, handler);
            pos = payloadOff + n;
        }
        return pos - off;
    }

    private void handleFrame(boolean fin, int opcode, byte[] buf, int off, int len, FrameHandler handler) {
        switch (opcode) {
            case 0x1 -> {
                if (inFragmentedText) {
                    throw new ProtocolException("new text frame inside a fragmented message");
                }
                if (fin) {
                    handler.onText(buf, off, len);
                } else {
                    inFragmentedText = true;
                    fragmentsLen = 0;
                    append(buf, off, len);
                }
            }
            case 0x0 -> {
                if (!inFragmentedText) {
                    throw new ProtocolException("continuation frame without a message to continue");
                }
                append(buf, off, len);
                if (fin) {
                    inFragmentedText = false;
                    handler.onText(fragments, 0, fragmentsLen);
                    fragmentsLen = 0;
                }
            }
            case 0x2 -> throw new ProtocolException("binary frame: the protocol is text only");
            case 0x8 -> {
                checkControl(fin, len);
                handler.onClose(len >= 2 ? ((buf[off] & 0xFF) << 8) | (buf[off + 1] & 0xFF) : 1005);
            }
            case 0x9 -> {
                checkControl(fin, len);
                handler.onPing(Arrays.copyOfRange(buf, off, off + len));
            }
            case 0xA -> checkControl(fin, len);
            default -> throw new ProtocolException("unknown opcode " + opcode);
        }
    }

    private static void checkControl(boolean fin, int len) {
        if (!fin || len > 125) {
            throw new ProtocolException("control frame fragmented or longer than 125 bytes");
        }
    }

    private void append(byte[] buf, int off, int len) {
        if (fragmentsLen + len > maxMessageBytes) {
            throw new ProtocolException("fragmented message exceeds " + maxMessageBytes + " bytes");
        }
        if (fragments.length < fragmentsLen + len) {
            fragments = Arrays.copyOf(fragments, Math.max(fragmentsLen + len, fragments.length * 2));
        }
        System.arraycopy(buf, off, fragments, fragmentsLen, len);
        fragmentsLen += len;
    }

    /** The server broke RFC 6455; the connection must be dropped and the run counts it as a failure. */
    public static final class ProtocolException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ProtocolException(String message) {
            super(message);
        }
    }
}
