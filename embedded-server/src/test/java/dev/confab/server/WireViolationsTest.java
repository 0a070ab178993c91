package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.testing.TestClient;
import dev.confab.server.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * P1, P3, P7, P8, P10: frames that break RFC 6455, written byte by byte on a raw socket. Each closes only its own
 * connection with the right code; a bystander stays connected.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WireViolationsTest {
    private static final int TEXT = 0x1;
    private static final int CONTINUATION = 0x0;
    private static final int PING = 0x9;

    @TempDir
    Path dir;

    private TestServer server;
    private TestClient bystander;

    @BeforeEach
    void start() {
        server = TestServer.start(dir);
        bystander = server.guest("bystander");
    }

    @AfterEach
    void checkBystanderAndStop() {
        bystander.send(new ClientFrame.Ping("still"));
        bystander.await(ServerFrame.Pong.class);
        server.close();
    }

    @Test
    void aFrameDeclaringOneGibibyteClosesWith1009AtOnce() throws Exception {
        try (Raw raw = Raw.open(server)) {
            // FIN + text, masked, 64-bit length 2^30, mask; no payload follows.
            raw.write(new byte[] {(byte) 0x81, (byte) 0xFF, 0, 0, 0, 0, 0x40, 0, 0, 0, 1, 2, 3, 4});
            assertThat(raw.closeCode()).isEqualTo(1009);
        }
    }

    @Test
    void endlessTinyContinuationFramesAreCutAtTheMessageLimit() throws Exception {
        try (Raw raw = Raw.open(server)) {
            try {
                raw.frame(false, TEXT, 0, new byte[] {'['});
                for (int i = 0; i < 100_000; i++) {
                    raw.frame(false, CONTINUATION, 0, new byte[] {'1'});
                }
            } catch (SocketException cut) {
                // Cut while still sending.
            }
            assertThat(raw.closeCode()).isIn(1009, Raw.RESET);
        }
    }

    @Test
    void invalidUtf8ClosesWith1007() throws Exception {
        try (Raw raw = Raw.open(server)) {
            raw.frame(true, TEXT, 0, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});
            assertThat(raw.closeCode()).isEqualTo(1007);
        }
    }

    @Test
    void protocolViolationsCloseWith1002() throws Exception {
        byte[] hello = "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
        record Violation(String name, boolean fin, int opcode, int rsv, byte[] payload) {
        }
        for (Violation violation : new Violation[] {
            new Violation("reserved opcode 3", true, 0x3, 0, hello),
            new Violation("RSV1 without an extension", true, TEXT, 0x40, hello),
            new Violation("fragmented ping", false, PING, 0, new byte[] {1}),
            new Violation("ping over 125 bytes", true, PING, 0, new byte[126]),
            new Violation("continuation without a start", true, CONTINUATION, 0, hello)}) {
            try (Raw raw = Raw.open(server)) {
                raw.frame(violation.fin(), violation.opcode(), violation.rsv(), violation.payload());
                assertThat(raw.closeCode()).as(violation.name()).isEqualTo(1002);
            }
        }
    }

    @Test
    void anUnmaskedClientFrameIsStillAcceptedAKnownDeviation() throws Exception {
        // Java-WebSocket 1.6.0 accepts it (RFC 6455 says close); this pins that, so an upgrade that changes it shows.
        try (Raw raw = Raw.open(server)) {
            byte[] ping = "{\"type\":\"ping\",\"id\":\"u\"}".getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(0x81);
            frame.write(ping.length);
            frame.write(ping);
            raw.write(frame.toByteArray());
            assertThat(raw.nextText()).contains("\"type\":\"error\"", "auth_required");
        }
    }

    /** A client on a plain socket, upgraded on {@code /ws}, that writes frames byte by byte. */
    private static final class Raw implements AutoCloseable {
        static final int RESET = -1;
        private final Socket socket;
        private final OutputStream out;
        private final DataInputStream in;

        private Raw(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.in = new DataInputStream(socket.getInputStream());
        }

        static Raw open(TestServer server) throws IOException {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", server.server().port()));
            socket.setSoTimeout(10_000);
            Raw raw = new Raw(socket);
            raw.write(("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) raw.in.readUnsignedByte());
            }
            assertThat(head.toString()).startsWith("HTTP/1.1 101");
            assertThat(raw.nextText()).contains("\"type\":\"hello\"");
            return raw;
        }

        void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** A masked frame (zero mask: the payload goes as it is) with a 7- or 16-bit length. */
        void frame(boolean fin, int opcode, int rsv, byte[] payload) throws IOException {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write((fin ? 0x80 : 0) | rsv | opcode);
            if (payload.length < 126) {
                frame.write(0x80 | payload.length);
            } else {
                frame.write(0x80 | 126);
                frame.write(payload.length >> 8);
                frame.write(payload.length & 0xFF);
            }
            frame.write(new byte[4]);
            frame.write(payload);
            write(frame.toByteArray());
        }

        /** The payload of the next text frame from the server. */
        String nextText() throws IOException {
            while (true) {
                int first = in.readUnsignedByte();
                byte[] payload = payload();
                if ((first & 0x0F) == TEXT) {
                    return new String(payload, StandardCharsets.UTF_8);
                }
            }
        }

        /** Skips frames up to the server's close frame and returns its code; {@link #RESET} if the socket dropped. */
        int closeCode() throws IOException {
            try {
                while (true) {
                    int first = in.readUnsignedByte();
                    byte[] payload = payload();
                    if ((first & 0x0F) == 0x8) {
                        return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                    }
                }
            } catch (SocketException | java.io.EOFException dropped) {
                return RESET;
            }
        }

        private byte[] payload() throws IOException {
            int second = in.readUnsignedByte();
            long length = second & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            return payload;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
