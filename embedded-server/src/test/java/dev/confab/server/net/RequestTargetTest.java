package dev.confab.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.java_websocket.handshake.HandshakeImpl1Client;
import org.junit.jupiter.api.Test;

class RequestTargetTest {

    private static Optional<RequestTarget> target(String descriptor, Map<String, String> headers) {
        HandshakeImpl1Client request = new HandshakeImpl1Client();
        request.setResourceDescriptor(descriptor);
        headers.forEach(request::put);
        return RequestTarget.of(request);
    }

    @Test
    void acceptsTheEndpointPathsOnly() {
        assertThat(target("/ws", Map.of())).contains(new RequestTarget(null, null));
        assertThat(target("/", Map.of())).contains(new RequestTarget(null, null));
        assertThat(target("/ws/channel:456", Map.of()).orElseThrow().autoJoin())
                .hasToString("channel:456");
        assertThat(target("/chat", Map.of())).isEmpty();
        assertThat(target("/ws/Upper", Map.of())).isEmpty();
        assertThat(target("/ws/a/b", Map.of())).isEmpty();
    }

    @Test
    void findsTheTokenInQueryHeaderOrCookie() {
        assertThat(target("/ws?a=1&token=q%2Bv", Map.of()).orElseThrow().token()).isEqualTo("q+v");
        assertThat(target("/ws", Map.of("Authorization", "bearer h.t.x")).orElseThrow().token()).isEqualTo("h.t.x");
        assertThat(target("/ws", Map.of("Cookie", "a=b; token=c.k.e")).orElseThrow().token()).isEqualTo("c.k.e");
        assertThat(target("/ws?token=", Map.of()).orElseThrow().token()).isNull();
        assertThat(target("/ws?token=%zz", Map.of()).orElseThrow().token()).isEqualTo("%zz");
    }

    @Test
    void redactsTokensFromLoggedUrisAndToString() {
        assertThat(RequestTarget.redact("/ws/general?x=1&token=secret.jwt&y=2"))
                .isEqualTo("/ws/general?x=1&token=***&y=2");
        assertThat(RequestTarget.redact("/ws?TOKEN=secret")).doesNotContain("secret");
        assertThat(new RequestTarget(null, "secret")).asString().doesNotContain("secret");
    }
}
