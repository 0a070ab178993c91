package dev.confab.bench.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HandshakeTest {
    private static final String RFC_KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final String RFC_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    @Test
    void computesTheAcceptValueOfRfc6455Example() {
        assertThat(Handshake.acceptFor(RFC_KEY)).isEqualTo(RFC_ACCEPT);
    }

    @Test
    void requestCarriesTheUpgradeHeadersAndKey() {
        String request = new String(Handshake.withKey("127.0.0.1", 7480, "/ws", RFC_KEY).request(),
                StandardCharsets.US_ASCII);
        assertThat(request).startsWith("GET /ws HTTP/1.1\r\n").contains("Host: 127.0.0.1:7480\r\n",
                "Upgrade: websocket\r\n", "Connection: Upgrade\r\n", "Sec-WebSocket-Key: " + RFC_KEY + "\r\n",
                "Sec-WebSocket-Version: 13\r\n").endsWith("\r\n\r\n");
    }

    @Test
    void freshKeysAreRandomSixteenBytes() {
        Handshake a = Handshake.create("127.0.0.1", 1, "/ws");
        Handshake b = Handshake.create("127.0.0.1", 1, "/ws");
        assertThat(java.util.Base64.getDecoder().decode(a.key())).hasSize(16);
        assertThat(a.key()).isNotEqualTo(b.key());
    }

    @Test
    void acceptsACorrectUpgradeWhateverTheHeaderCase() {
        Handshake hs = Handshake.withKey("127.0.0.1", 1, "/ws", RFC_KEY);
        String head = "HTTP/1.1 101 Switching Protocols\r\nupgrade: WebSocket\r\nCONNECTION: upgrade\r\n"
                + "Sec-WebSocket-Accept: " + RFC_ACCEPT + "\r\n\r\n";
        assertThat(hs.verify(head)).isInstanceOf(Handshake.Verdict.Accepted.class);
    }

    @Test
    void rejectsAWrongAcceptValue() {
        Handshake hs = Handshake.withKey("127.0.0.1", 1, "/ws", RFC_KEY);
        String head = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n\r\n";
        assertThat(hs.verify(head)).isEqualTo(new Handshake.Verdict.Rejected(
                "Sec-WebSocket-Accept does not match the key"));
    }

    @Test
    void rejectsAnythingButSwitchingProtocols() {
        Handshake hs = Handshake.withKey("127.0.0.1", 1, "/ws", RFC_KEY);
        assertThat(hs.verify("HTTP/1.1 403 Forbidden\r\n\r\n")).isInstanceOf(Handshake.Verdict.Rejected.class);
        assertThat(hs.verify("HTTP/1.1 101 Switching Protocols\r\nSec-WebSocket-Accept: " + RFC_ACCEPT
                + "\r\n\r\n")).isInstanceOf(Handshake.Verdict.Rejected.class);
    }

    @Test
    void findsTheEndOfTheResponseHeadOnlyWhenComplete() {
        byte[] partial = "HTTP/1.1 101 OK\r\nA: b\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] whole = "HTTP/1.1 101 OK\r\nA: b\r\n\r\n\u0081\u0000".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Handshake.headEnd(partial, partial.length)).isEqualTo(-1);
        assertThat(Handshake.headEnd(whole, whole.length)).isEqualTo(whole.length - 2);
    }
}
