package dev.confab.bench.peer;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The core chat subset: {@code join_room} answers {@code joined_room}; {@code send_message} parses the JSON,
 * stamps seq and timestamp, serializes the {@code message} once into one buffer, and writes a retained duplicate
 * of it to every member (the hashrocket Netty pattern). Identity is a name per connection, as there is no login.
 */
final class PeerChatHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final AtomicLong USERS = new AtomicLong();

    private final PeerRooms rooms;
    private final String username = "peer" + USERS.incrementAndGet();

    PeerChatHandler(PeerRooms rooms) {
        this.rooms = rooms;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) throws IOException {
        JsonNode tree;
        try (ByteBufInputStream in = new ByteBufInputStream(frame.content())) {
            tree = JSON.readTree(in);
        }
        String type = tree.path("type").asText();
        String room = tree.path("room").asText();
        switch (type) {
            case "join_room" -> join(ctx.channel(), room);
            case "send_message" -> broadcast(ctx, room, tree.path("data"));
            default -> {
                // The peer implements only the core subset; anything else is ignored.
            }
        }
    }

    private void join(Channel channel, String name) throws IOException {
        PeerRooms.Room room = rooms.room(name);
        room.members.add(channel);
        long lastSeq;
        synchronized (room) {
            lastSeq = room.lastSeq;
        }
        ByteBuf buf = channel.alloc().buffer(256);
        try (JsonGenerator g = generator(buf)) {
            g.writeStartObject();
            g.writeStringField("type", "joined_room");
            g.writeStringField("room", name);
            g.writeStringField("timestamp", TIMESTAMP.format(Instant.now()));
            g.writeObjectFieldStart("data");
            g.writeArrayFieldStart("members");
            g.writeEndArray();
            g.writeNumberField("last_seq", lastSeq);
            g.writeStringField("epoch", "netty-peer");
            g.writeBooleanField("has_more", false);
            g.writeEndObject();
            g.writeEndObject();
        }
        channel.writeAndFlush(new TextWebSocketFrame(buf));
    }

    private void broadcast(ChannelHandlerContext ctx, String name, JsonNode data) throws IOException {
        PeerRooms.Room room = rooms.room(name);
        synchronized (room) {
            long seq = ++room.lastSeq;
            ByteBuf buf = ctx.alloc().buffer(512);
            try (JsonGenerator g = generator(buf)) {
                g.writeStartObject();
                g.writeStringField("type", "message");
                g.writeStringField("room", name);
                g.writeStringField("sender", username);
                g.writeStringField("timestamp", TIMESTAMP.format(Instant.now()));
                g.writeObjectFieldStart("data");
                g.writeNumberField("seq", seq);
                g.writeStringField("content", data.path("content").asText());
                g.writeStringField("user_id", username);
                g.writeStringField("username", username);
                if (data.hasNonNull("client_id")) {
                    g.writeStringField("client_id", data.path("client_id").asText());
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            try {
                for (Channel member : room.members) {
                    member.writeAndFlush(new TextWebSocketFrame(buf.retainedDuplicate()));
                }
            } finally {
                buf.release();
            }
        }
    }

    private static JsonGenerator generator(ByteBuf buf) throws IOException {
        return JSON.getFactory().createGenerator((OutputStream) new ByteBufOutputStream(buf), JsonEncoding.UTF8);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        rooms.leaveAll(ctx.channel());
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A broken connection is closed; the load generator counts it as a failure.
        ctx.close();
    }
}
