package dev.confab.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.SimpleDateFormat;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidHandshakeException;
import org.java_websocket.handshake.HandshakeImpl1Client;
import org.java_websocket.handshake.HandshakeImpl1Server;
import org.java_websocket.handshake.Handshakedata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The server's upgrade response is the library's, header for header; only the way it is computed differs. */
class UpgradeResponseTest {
    @Test
    void theAcceptKeyIsTheOneOfRfc6455() {
        // RFC 6455 §1.3's example.
        assertThat(UpgradeResponse.acceptKey("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assertThat(UpgradeResponse.acceptKey(" dGhlIHNhbXBsZSBub25jZQ== ")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @ParameterizedTest
    @ValueSource(longs = {0L, 1_764_768_000_000L, 1_775_000_000_123L, 1_796_000_000_999L, 253_402_300_799_000L})
    void theDateIsWrittenAsTheLibraryWritesIt(long epochMillis) {
        SimpleDateFormat library = new SimpleDateFormat("EEE, dd MMM yyyy HH:mm:ss z", Locale.US);
        library.setTimeZone(TimeZone.getTimeZone("GMT"));
        assertThat(UpgradeResponse.date(Instant.ofEpochMilli(epochMillis)))
                .isEqualTo(library.format(new Date(epochMillis)));
    }

    @Test
    void theDateOfTheSameSecondIsReusedAndTheNextSecondIsNew() {
        Instant now = Instant.parse("2026-12-03T13:40:00.100Z");
        String first = UpgradeResponse.date(now);
        assertThat(UpgradeResponse.date(now.plusMillis(800))).isSameAs(first);
        assertThat(UpgradeResponse.date(now.plusMillis(900))).isEqualTo("Thu, 03 Dec 2026 13:40:01 GMT");
    }

    @Test
    void theResponseHasTheLibrarysHeaders() throws Exception {
        HandshakeImpl1Client request = new HandshakeImpl1Client();
        request.setResourceDescriptor("/ws");
        request.put("Host", "127.0.0.1");
        request.put("Upgrade", "websocket");
        request.put("Connection", "keep-alive, Upgrade");
        request.put("Sec-WebSocket-Key", "x3JJHMbDL1EzLkh9GBhXDw==");
        request.put("Sec-WebSocket-Version", "13");

        Draft_6455 library = new Draft_6455(Collections.emptyList(), 65_536);
        Map<String, String> expected = fields(library.postProcessHandshakeResponseAsServer(request,
                new HandshakeImpl1Server()));
        HandshakeImpl1Server ours = new HandshakeImpl1Server();
        Map<String, String> actual = fields(new BoundedDraft(65_536, 65_536).postProcessHandshakeResponseAsServer(
                request, ours));

        // The date is a second apart at most (both were made just now); its format is pinned above.
        assertThat(actual.remove("Date")).isNotEmpty();
        expected.remove("Date");
        assertThat(actual).isEqualTo(expected).containsEntry("Sec-WebSocket-Accept", "HSmrc0sMlYUkAGmm5OPpG2HaGWk=");
        assertThat(ours.getHttpStatusMessage()).isEqualTo("Web Socket Protocol Handshake");
    }

    @Test
    void aRequestWithoutAKeyIsRefused() {
        HandshakeImpl1Client request = new HandshakeImpl1Client();
        request.put("Upgrade", "websocket");
        assertThatThrownBy(() -> new BoundedDraft(65_536, 65_536).postProcessHandshakeResponseAsServer(request,
                new HandshakeImpl1Server())).isInstanceOf(InvalidHandshakeException.class);
    }

    private static Map<String, String> fields(Handshakedata handshake) {
        Map<String, String> fields = new TreeMap<>();
        handshake.iterateHttpFields().forEachRemaining(name -> fields.put(name, handshake.getFieldValue(name)));
        return fields;
    }
}
