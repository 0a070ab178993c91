package dev.confab.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Role;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.Handshakedata;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The server reads an upgrade request as Java-WebSocket's own draft reads it: fields, failures, what is left. */
class UpgradeRequestParsingTest {
    private static final String HEAD = "GET /ws?token=abc HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n";
    private static final String UPGRADE = "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";

    @ParameterizedTest
    @ValueSource(strings = {
        HEAD + UPGRADE + "\r\n",
        HEAD + UPGRADE + "\r\n\u0081\u0085frame bytes after the request",
        HEAD + UPGRADE + "Origin:    http://example   \r\nX-Empty:\r\nX-Colon: a:b: c\r\n:no-name\r\n\r\n",
        HEAD + UPGRADE + "x-dup: one\r\nX-Dup:two\r\nX-DUP:   three\r\n\r\n",
        HEAD + "X-Tab:\t tabbed\r\n\r\n",
        HEAD + UPGRADE, // no blank line yet
        HEAD + UPGRADE + "\r", // half a line end
        "GET /ws HTTP/1.1", // no line end at all
        "", // nothing
        HEAD + "not a header\r\n\r\n",
        "POST /ws HTTP/1.1\r\n\r\n",
        "get /ws http/1.1\r\nHost: x\r\n\r\n",
        "GET /ws HTTP/1.0\r\n\r\n",
        "GET  /ws HTTP/1.1\r\n\r\n",
        "GET /ws\r\n\r\n",
        "GET /a b c HTTP/1.1\r\n\r\n",
        "\r\n\r\n",
        HEAD + "Host: twice\r\n\u00e9t\u00e9: caf\u00e9\r\n\r\n",
    })
    void readsTheRequestAsTheLibraryDoes(String request) {
        assertThat(parse(new BoundedDraft(65_536, 65_536), request))
                .isEqualTo(parse(new Draft_6455(Collections.emptyList(), 65_536), request));
    }

    /** What a draft made of the request, or the exception it threw, and where it left the buffer. */
    private static String parse(Draft draft, String request) {
        draft.setParseMode(Role.SERVER);
        ByteBuffer buffer = ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1));
        String outcome;
        try {
            Handshakedata parsed = draft.translateHandshake(buffer);
            Map<String, String> fields = new TreeMap<>();
            parsed.iterateHttpFields().forEachRemaining(name -> fields.put(name, parsed.getFieldValue(name)));
            outcome = parsed.getClass().getSimpleName() + " " + ((ClientHandshake) parsed).getResourceDescriptor()
                    + " " + fields;
        } catch (RuntimeException | org.java_websocket.exceptions.InvalidHandshakeException e) {
            outcome = e.getClass().getName() + ": " + e.getMessage()
                    + (e instanceof org.java_websocket.exceptions.IncompleteHandshakeException incomplete
                            ? " size " + incomplete.getPreferredSize() : "");
        }
        return outcome + " at " + buffer.position() + "/" + buffer.limit();
    }
}
