package dev.confab.bench.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameCodecTest {
    /** Records what the decoder reports. */
    private static final class Collected implements FrameHandler {
        final List<String> texts = new ArrayList<>();
        final List<byte[]> pings = new ArrayList<>();
        final List<Integer> closes = new ArrayList<>();

        @Override
        public void onText(byte[] buf, int off, int len) {
            texts.add(new String(buf, off, len, StandardCharsets.UTF_8));
        }

        @Override
        public void onPing(byte[] payload) {
            pings.add(payload);
        }

        @Override
        public void onClose(int code) {
            closes.add(code);
        }
    }

    /** An unmasked server frame, as a server would send it. */
    private static byte[] serverFrame(boolean fin, int opcode, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | opcode);
        int len = payload.length;
        if (len < 126) {
            out.write(len);
        } else if (len <= 0xFFFF) {
            out.write(126);
            out.write(len >>> 8);
            out.write(len & 0xFF);
        } else {
            out.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) len >>> shift) & 0xFF);
            }
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65_535, 65_536, 200_000})
    void encoderMasksEveryLengthFormAndTheMaskRecoversThePayload(int length) {
        byte[] payload = new byte[length];
        Arrays.fill(payload, (byte) 'a');
        byte[] frame = FrameEncoder.frame(FrameEncoder.TEXT, payload, 0x11223344);
        assertThat(frame[0] & 0xFF).isEqualTo(0x81);
        assertThat(frame[1] & 0x80).as("mask bit").isEqualTo(0x80);
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        assertThat(frame[1] & 0x7F).isEqualTo(length < 126 ? length : length <= 0xFFFF ? 126 : 127);
        byte[] mask = Arrays.copyOfRange(frame, header, header + 4);
        assertThat(mask).containsExactly(0x11, 0x22, 0x33, 0x44);
        assertThat(frame).hasSize(header + 4 + length);
        for (int i = 0; i < length; i++) {
            assertThat((byte) (frame[header + 4 + i] ^ mask[i & 3])).isEqualTo((byte) 'a');
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 125, 126, 65_535, 65_536, 300_000})
    void decoderReadsEveryLengthForm(int length) {
        String text = "x".repeat(length);
        byte[] frame = serverFrame(true, 1, text.getBytes(StandardCharsets.UTF_8));
        Collected got = new Collected();
        int used = FrameDecoder.create(1 << 20).decode(frame, 0, frame.length, got);
        assertThat(used).isEqualTo(frame.length);
        assertThat(got.texts).containsExactly(text);
    }

    @Test
    void decoderWaitsForTheRestOfAFrameByteByByte() {
        byte[] frame = concat(serverFrame(true, 1, "hello".getBytes(StandardCharsets.UTF_8)),
                serverFrame(true, 1, "x".repeat(300).getBytes(StandardCharsets.UTF_8)));
        FrameDecoder decoder = FrameDecoder.create(1 << 20);
        Collected got = new Collected();
        byte[] buf = new byte[frame.length];
        int have = 0;
        for (byte b : frame) {
            buf[have++] = b;
            int used = decoder.decode(buf, 0, have, got);
            System.arraycopy(buf, used, buf, 0, have - used);
            have -= used;
        }
        assertThat(have).isZero();
        assertThat(got.texts).containsExactly("hello", "x".repeat(300));
    }

    @Test
    void decoderJoinsFragmentsAndAnswersPingsInBetween() {
        byte[] bytes = concat(serverFrame(false, 1, "Hel".getBytes(StandardCharsets.UTF_8)),
                serverFrame(true, 9, new byte[] {1, 2}),
                serverFrame(false, 0, "lo, ".getBytes(StandardCharsets.UTF_8)),
                serverFrame(true, 0, "world".getBytes(StandardCharsets.UTF_8)));
        Collected got = new Collected();
        FrameDecoder.create(1 << 20).decode(bytes, 0, bytes.length, got);
        assertThat(got.texts).containsExactly("Hello, world");
        assertThat(got.pings).singleElement().isEqualTo(new byte[] {1, 2});
    }

    @Test
    void decoderReportsTheCloseCode() {
        byte[] close = serverFrame(true, 8, new byte[] {0x0F, (byte) 0xA1});
        Collected got = new Collected();
        FrameDecoder.create(1024).decode(close, 0, close.length, got);
        assertThat(got.closes).containsExactly(4001);
    }

    @Test
    void decoderRefusesMaskedServerFramesAndOversizedMessages() {
        byte[] masked = FrameEncoder.text("hi".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> FrameDecoder.create(1024).decode(masked, 0, masked.length, new Collected()))
                .isInstanceOf(FrameDecoder.ProtocolException.class).hasMessageContaining("masked");
        byte[] big = serverFrame(true, 1, new byte[2000]);
        assertThatThrownBy(() -> FrameDecoder.create(1024).decode(big, 0, big.length, new Collected()))
                .isInstanceOf(FrameDecoder.ProtocolException.class).hasMessageContaining("exceeds");
    }

    @Test
    void decoderRefusesAContinuationWithoutAStart() {
        byte[] stray = serverFrame(true, 0, new byte[] {'a'});
        assertThatThrownBy(() -> FrameDecoder.create(1024).decode(stray, 0, stray.length, new Collected()))
                .isInstanceOf(FrameDecoder.ProtocolException.class);
    }
}
