package dev.confab.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.enums.ReadyState;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Row F5: {@link BoundedDraft} as the library uses it, fed hostile byte streams. A server-side
 * {@link WebSocketImpl} (no socket) with the draft reads a valid upgrade request and then the input, in chunks of
 * the size the first input byte picks (1 to 256 bytes, so frames split across reads). Nothing may escape
 * {@code decode}; every message handed up is at most the message bound ({@value #MAX_MESSAGE} bytes, frames at
 * most {@value #MAX_FRAME}), and in total no more bytes than the input held; the only errors the library reports
 * are the protocol violations it closes for, and the server never closes with 1011 or 1006 (an internal failure
 * of the decoder). A close code the client sends is the client's business.
 *
 * <p>Memory stays bounded by the limits, not by what frames declare (a header may declare 2^63 bytes): the bytes
 * this thread allocates while decoding one input are capped at {@value #ALLOCATION_BUDGET} bytes plus 64 per
 * input byte (measured with {@code ThreadMXBean.getThreadAllocatedBytes}, so the rest of the build keeps its
 * normal heap; RELIABILITY.md asked for {@code -Xmx64m}, and this bound is far tighter than that).
 *
 * <p>Regression mode replays {@code src/test/resources/dev/confab/server/net/BoundedDraftFuzzTestInputs/decode/};
 * a fuzzing run: {@code JAZZER_FUZZ=1 ./mvnw -B -o -pl embedded-server -am test -Dtest=BoundedDraftFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false} (see docs/SECURITY.md, Fuzzing).
 */
class BoundedDraftFuzzTest {
    private static final int MAX_FRAME = 1024;
    private static final int MAX_MESSAGE = 4096;
    private static final long ALLOCATION_BUDGET = 4L << 20;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @BeforeAll
    static void measurable() {
        assertThat(THREADS.isThreadAllocatedMemorySupported()).isTrue();
        THREADS.setThreadAllocatedMemoryEnabled(true);
    }

    @FuzzTest(maxDuration = "2m")
    void decode(byte[] input) {
        int chunk = input.length == 0 ? 1 : (input[0] & 0xff) + 1;
        // Twice, measuring the second: the first may load (and, when fuzzing, instrument) classes on this thread,
        // which allocates megabytes that are not the decoder's. Decoding is deterministic, so both do the same.
        decodeAll(input, chunk, new SocketlessPeer());
        SocketlessPeer peer = new SocketlessPeer();
        long allocated = decodeAll(input, chunk, peer);

        // The library reports each protocol violation it closes for; anything else would be a decoder failure.
        assertThat(peer.errors).as("errors reported by the library")
                .allSatisfy(error -> assertThat(error).isInstanceOf(InvalidDataException.class));
        assertThat(allocated).as("bytes allocated decoding %d input bytes", input.length)
                .isLessThan(ALLOCATION_BUDGET + 64L * input.length);
        assertThat(peer.messageSizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(MAX_MESSAGE));
        assertThat(peer.messageSizes.stream().mapToLong(Integer::longValue).sum()).isLessThanOrEqualTo(input.length);
        assertThat(peer.ownCloseCodes).as("close codes of the server's own closes")
                .doesNotContain(CloseFrame.ABNORMAL_CLOSE, CloseFrame.UNEXPECTED_CONDITION);
    }

    /** Feeds the upgrade and then the input to a new server socket; returns the bytes allocated for the input. */
    private static long decodeAll(byte[] input, int chunk, SocketlessPeer peer) {
        WebSocketImpl socket = new WebSocketImpl(peer, List.<Draft>of(new BoundedDraft(MAX_FRAME, MAX_MESSAGE)));
        socket.decode(ByteBuffer.wrap(SocketlessPeer.UPGRADE));
        assertThat(socket.getReadyState()).isEqualTo(ReadyState.OPEN);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int at = 1; at < input.length && socket.getReadyState() == ReadyState.OPEN; at += chunk) {
            // A fresh buffer per read, as the server's are: the library assumes an array offset of 0.
            socket.decode(ByteBuffer.wrap(Arrays.copyOfRange(input, at, Math.min(input.length, at + chunk))));
        }
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }

    @Test
    void aCloseFrameWhoseReasonIsNotUtf8ClosesWith1007() {
        // The finding of the first run (Java-WebSocket 1.6.0 threw a NullPointerException out of decode); kept as
        // the seed close-reason-invalid-utf8 too.
        byte[] mask = {1, 2, 3, 4};
        byte[] payload = {0x03, (byte) 0xe8, (byte) 0xc3, 0x28};
        byte[] frame = new byte[2 + mask.length + payload.length];
        frame[0] = (byte) 0x88;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, mask.length);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        SocketlessPeer peer = new SocketlessPeer();
        WebSocketImpl socket = new WebSocketImpl(peer, List.<Draft>of(new BoundedDraft(MAX_FRAME, MAX_MESSAGE)));
        socket.decode(ByteBuffer.wrap(SocketlessPeer.UPGRADE));
        socket.decode(ByteBuffer.wrap(frame));
        assertThat(peer.ownCloseCodes).first().isEqualTo(CloseFrame.NO_UTF8);
    }
}
