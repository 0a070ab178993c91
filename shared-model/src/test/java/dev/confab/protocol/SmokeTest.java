package dev.confab.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeTest {
    private final FrameCodec codec = FrameCodec.create();

    @Test
    void decodesSendMessage() {
        Decoded<ClientFrame> d = codec.decodeClient("""
                {"type":"send_message","room":"general","id":"r1","data":{"content":"hi","client_id":"c1"}}""");
        assertThat(d).isInstanceOf(Decoded.Ok.class);
        System.out.println(d);
        System.out.println(codec.encode(((Decoded.Ok<ClientFrame>) d).frame()));
        System.out.println(codec.decodeClient("{\"type\":\"send_message\",\"room\":\"general\",\"id\":\"r1\"}"));
        System.out.println(codec.decodeClient("{\"type\":\"join_room\",\"room\":\"Gen\",\"id\":\"r1\"}"));
        System.out.println(codec.decodeClient("{\"type\":\"join_room\",\"room\":5,\"id\":\"r1\"}"));
        System.out.println(codec.decodeClient("{\"type\":\"history\",\"room\":\"a\",\"data\":{\"limit\":\"5\"}}"));
        System.out.println(codec.decodeClient("{\"type\":\"history\",\"room\":\"a\",\"data\":{\"limit\":1e999999}}"));
        System.out.println(codec.decodeClient("{\"type\":\"ping\",\"type\":\"x\"}"));
        System.out.println(codec.decodeClient("[".repeat(10000)));
        System.out.println(codec.encode(new ServerFrame.Pong("r", java.time.Instant.EPOCH,
                new ServerFrame.PongData(java.time.Instant.EPOCH))));
    }
}
