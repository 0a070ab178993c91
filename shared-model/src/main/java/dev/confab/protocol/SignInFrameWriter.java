package dev.confab.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Writes {@code hello} and {@code connected}, the two frames of every sign-in, with Jackson's generator instead of
 * its data binding: the same text, field for field, as {@link FrameCodec}'s mapper writes them (the codec's tests
 * compare the two), without the polymorphic bean serializers, which cost a connect storm (benchmark S5) a fifth
 * of the time of its sign-ins on a server that had not yet compiled them. The field names and their order are
 * the records' and the protocol's (snake case, {@code type} first, nulls left out).
 */
final class SignInFrameWriter {
    /** Room for a frame with a token and names of their usual length, so that the buffer grows rarely. */
    private static final int FRAME_CHARS = 512;

    private final JsonFactory factory;
    private final String helloType;
    private final String connectedType;

    SignInFrameWriter(JsonFactory factory, String helloType, String connectedType) {
        this.factory = factory;
        this.helloType = helloType;
        this.connectedType = connectedType;
    }

    String hello(ServerFrame.Hello frame) {
        StringWriter out = new StringWriter(FRAME_CHARS);
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", helloType);
            timestamp(g, "timestamp", frame.timestamp());
            ServerFrame.HelloData data = frame.data();
            if (data != null) {
                g.writeObjectFieldStart("data");
                server(g, data.server());
                g.writeNumberField("protocol", data.protocol());
                g.writeBooleanField("registration", data.registration());
                g.writeBooleanField("guests", data.guests());
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to a string", e);
        }
        return out.toString();
    }

    String connected(ServerFrame.Connected frame) {
        StringWriter out = new StringWriter(FRAME_CHARS);
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", connectedType);
            string(g, "reply_to", frame.replyTo());
            timestamp(g, "timestamp", frame.timestamp());
            ServerFrame.Session session = frame.data();
            if (session != null) {
                g.writeObjectFieldStart("data");
                string(g, "user_id", session.userId());
                string(g, "username", session.username());
                string(g, "token", session.token());
                timestamp(g, "expires_at", session.expiresAt());
                g.writeBooleanField("guest", session.guest());
                server(g, session.server());
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to a string", e);
        }
        return out.toString();
    }

    private static void server(JsonGenerator g, ServerFrame.@Nullable ServerInfo server) throws IOException {
        if (server != null) {
            g.writeObjectFieldStart("server");
            string(g, "name", server.name());
            string(g, "version", server.version());
            g.writeEndObject();
        }
    }

    private static void timestamp(JsonGenerator g, String name, @Nullable Instant value) throws IOException {
        if (value != null) {
            g.writeStringField(name, Timestamps.format(value));
        }
    }

    private static void string(JsonGenerator g, String name, @Nullable String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }
}
