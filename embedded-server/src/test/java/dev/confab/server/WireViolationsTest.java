package dev.confab.server;

import static dev.confab.server.testing.RawWebSocket.CONTINUATION;
import static dev.confab.server.testing.RawWebSocket.PING;
import static dev.confab.server.testing.RawWebSocket.RESET;
import static dev.confab.server.testing.RawWebSocket.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.ClientFrame;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.testing.RawWebSocket;
import dev.confab.server.testing.TestClient;
import dev.confab.server.testing.TestServer;
import java.io.ByteArrayOutputStream;
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
        try (RawWebSocket raw = RawWebSocket.open(server)) {
            raw.frameHeaderDeclaring(1L << 30);
            assertThat(raw.closeCode()).isEqualTo(1009);
        }
    }

    @Test
    void endlessTinyContinuationFramesAreCutAtTheMessageLimit() throws Exception {
        try (RawWebSocket raw = RawWebSocket.open(server)) {
            try {
                raw.frame(false, TEXT, 0, new byte[] {'['});
                for (int i = 0; i < 100_000; i++) {
                    raw.frame(false, CONTINUATION, 0, new byte[] {'1'});
                }
            } catch (SocketException cut) {
                // Cut while still sending.
            }
            assertThat(raw.closeCode()).isIn(1009, RESET);
        }
    }

    @Test
    void invalidUtf8ClosesWith1007() throws Exception {
        try (RawWebSocket raw = RawWebSocket.open(server)) {
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
            try (RawWebSocket raw = RawWebSocket.open(server)) {
                raw.frame(violation.fin(), violation.opcode(), violation.rsv(), violation.payload());
                assertThat(raw.closeCode()).as(violation.name()).isEqualTo(1002);
            }
        }
    }

    @Test
    void anUnmaskedClientFrameIsStillAcceptedAKnownDeviation() throws Exception {
        // Java-WebSocket 1.6.0 accepts it (RFC 6455 says close); this pins that, so an upgrade that changes it shows.
        try (RawWebSocket raw = RawWebSocket.open(server)) {
            byte[] ping = "{\"type\":\"ping\",\"id\":\"u\"}".getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(0x81);
            frame.write(ping.length);
            frame.write(ping);
            raw.write(frame.toByteArray());
            assertThat(raw.nextText()).contains("\"type\":\"error\"", "auth_required");
        }
    }
}
