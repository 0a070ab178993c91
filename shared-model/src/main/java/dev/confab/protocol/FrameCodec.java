package dev.confab.protocol;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Turns frames into JSON text and back. It owns the one configured {@link ObjectMapper} of the protocol, so both
 * sides agree on every detail of the format. Decoding never throws: it returns the frame or the precise error.
 *
 * <p>Decoding works in two steps. The text is first read into a tree under hard limits (size, nesting depth,
 * key length, duplicate keys), which tells a malformed frame ({@code invalid_json}) from a well-formed one.
 * The tree's {@code type} is then looked up ({@code unknown_type}) and the frame built from it; the records
 * validate themselves, so a frame that breaks a rule becomes {@code invalid_message} or {@code too_large}.
 * Instances are immutable and thread-safe.
 */
public final class FrameCodec {
    /** The largest frame, in characters, that the codec reads. The transport bounds bytes to the same figure. */
    public static final int DEFAULT_MAX_FRAME_CHARS = 64 * 1024;
    /** Deeper JSON is refused while parsing, long before the stack could overflow. */
    public static final int MAX_NESTING_DEPTH = 32;
    /** Longer object keys are refused while parsing. */
    public static final int MAX_KEY_LENGTH = 256;

    private final ObjectMapper mapper;
    /** Writing through the hierarchy's type makes Jackson emit the "type" property; made once, not per frame. */
    private final ObjectWriter serverWriter;
    private final ObjectWriter clientWriter;
    private final SignInFrameWriter signIns;
    private final int maxFrameChars;
    private final Map<String, Class<?>> clientTypes = typeNames(ClientFrame.class);
    private final Map<String, Class<?>> serverTypes = typeNames(ServerFrame.class);

    private FrameCodec(int maxFrameChars) {
        this.maxFrameChars = maxFrameChars;
        this.mapper = newMapper(maxFrameChars);
        this.serverWriter = mapper.writerFor(ServerFrame.class);
        this.clientWriter = mapper.writerFor(ClientFrame.class);
        this.signIns = new SignInFrameWriter(mapper.getFactory(), typeNameOf(ServerFrame.Hello.class),
                typeNameOf(ServerFrame.Connected.class));
    }

    private String typeNameOf(Class<? extends ServerFrame> type) {
        return serverTypes.entrySet().stream().filter(e -> e.getValue() == type).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new IllegalStateException(type + " is not registered"));
    }

    /** A codec with the protocol's default limits. */
    public static FrameCodec create() {
        return new FrameCodec(DEFAULT_MAX_FRAME_CHARS);
    }

    /**
     * The largest server frame a client reads. A server frame can be far larger than the 64 KiB a server accepts
     * from a client: a history page of 200 messages of 4,000 characters, or the member list of a room of
     * thousands. The bound still keeps a hostile server from making a client buffer without limit.
     */
    public static final int CLIENT_MAX_FRAME_CHARS = 16 * 1024 * 1024;

    /** The codec of a client: it reads server frames of up to {@link #CLIENT_MAX_FRAME_CHARS}. */
    public static FrameCodec forClient() {
        return new FrameCodec(CLIENT_MAX_FRAME_CHARS);
    }

    /** A codec that reads frames of up to {@code maxFrameChars} characters. */
    public static FrameCodec withMaxFrameChars(int maxFrameChars) {
        if (maxFrameChars < 1024) {
            throw new IllegalArgumentException("maxFrameChars must be at least 1024, was " + maxFrameChars);
        }
        return new FrameCodec(maxFrameChars);
    }

    /** Decodes a frame that a client sent. */
    public Decoded<ClientFrame> decodeClient(String text) {
        return decode(text, ClientFrame.class, clientTypes);
    }

    /** Decodes a frame that a server sent. A client must survive a hostile server, so this never throws either. */
    public Decoded<ServerFrame> decodeServer(String text) {
        Decoded<ServerFrame> decoded = decode(text, ServerFrame.class, serverTypes);
        if (decoded instanceof Decoded.Ok<ServerFrame> ok) {
            Optional<String> missing = RequiredFields.firstMissing(ok.frame());
            if (missing.isPresent()) {
                return failed(ErrorCode.INVALID_MESSAGE, "missing required field " + missing.get(), null);
            }
        }
        return decoded;
    }

    /** The JSON text of a server frame. */
    public String encode(ServerFrame frame) {
        return switch (frame) {
            // The frames of every sign-in; the same text as the mapper writes (see SignInFrameWriter).
            case ServerFrame.Hello hello -> signIns.hello(hello);
            case ServerFrame.Connected connected -> signIns.connected(connected);
            default -> write(frame, serverWriter);
        };
    }

    /** The mapper's text of a server frame, for the tests of the writers that stand in for it. */
    String encodeWithMapper(ServerFrame frame) {
        return write(frame, serverWriter);
    }

    /** The JSON text of a client frame. */
    public String encode(ClientFrame frame) {
        return write(frame, clientWriter);
    }

    /**
     * Reads a JSON object stored earlier from a frame's field (such as a message's {@code metadata}), under the
     * same limits as a frame; empty when the text is not one JSON object.
     */
    public Optional<ObjectNode> readObject(String json) {
        try {
            return mapper.readTree(json) instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** The wire names of every frame type in a hierarchy, as registered with Jackson. */
    public static Set<String> typeNamesOf(Class<?> hierarchy) {
        return typeNames(hierarchy).keySet();
    }

    private static String write(Object frame, ObjectWriter writer) {
        try {
            return writer.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            // Our own records always serialize; failing here is a bug, not a runtime condition.
            throw new IllegalStateException("cannot encode " + frame.getClass().getSimpleName(), e);
        }
    }

    private <T> Decoded<T> decode(String text, Class<T> hierarchy, Map<String, Class<?>> types) {
        if (text.length() > maxFrameChars) {
            return failed(ErrorCode.TOO_LARGE, "frame is larger than " + maxFrameChars + " characters", null);
        }
        if (text.isBlank()) {
            return failed(ErrorCode.INVALID_JSON, "frame is empty", null);
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(text);
        } catch (StreamConstraintsException e) {
            return failed(ErrorCode.TOO_LARGE, "frame exceeds a limit: " + firstLine(e.getOriginalMessage()), null);
        } catch (JsonProcessingException e) {
            return failed(ErrorCode.INVALID_JSON, "not valid JSON: " + firstLine(e.getOriginalMessage()), null);
        }
        if (tree == null || !tree.isObject()) {
            return failed(ErrorCode.INVALID_JSON, "a frame must be one JSON object", null);
        }
        JsonNode idNode = tree.get("id");
        String requestId = idNode != null && idNode.isTextual() && validRequestId(idNode.textValue())
                ? idNode.textValue() : null;
        JsonNode typeNode = tree.get("type");
        if (typeNode == null || typeNode.isNull()) {
            return failed(ErrorCode.INVALID_MESSAGE, "missing required field type", requestId);
        }
        if (!typeNode.isTextual()) {
            return failed(ErrorCode.INVALID_MESSAGE, "type must be a string", requestId);
        }
        if (!types.containsKey(typeNode.textValue())) {
            return failed(ErrorCode.UNKNOWN_TYPE, "unknown frame type " + quoted(typeNode.textValue()), requestId);
        }
        try {
            return new Decoded.Ok<>(mapper.treeToValue(tree, hierarchy));
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            ProtocolViolation violation = violationIn(e);
            if (violation != null) {
                return failed(violation.code(), violation.getMessage(), requestId);
            }
            return failed(ErrorCode.INVALID_MESSAGE, describe(e), requestId);
        }
    }

    private static boolean validRequestId(String id) {
        return !id.isEmpty() && id.length() <= ClientFrame.MAX_ID_LENGTH
                && Text.isWellFormed(id) && !Text.hasForbiddenControl(id);
    }

    private static @Nullable ProtocolViolation violationIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProtocolViolation violation) {
                return violation;
            }
        }
        return null;
    }

    /** A short sentence naming the field at fault, without echoing the (possibly huge) input. */
    private static String describe(Exception e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return "field " + field + " is missing or has the wrong type";
        }
        return "frame does not match its type";
    }

    private static String quoted(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return "\"" + shown + "\"";
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "unreadable input";
        }
        String line = message.lines().findFirst().orElse(message);
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }

    private static <T> Decoded<T> failed(ErrorCode code, String message, @Nullable String requestId) {
        return new Decoded.Failed<>(new ProtocolError(code, message, requestId));
    }

    private static Map<String, Class<?>> typeNames(Class<?> hierarchy) {
        JsonSubTypes subTypes = hierarchy.getAnnotation(JsonSubTypes.class);
        if (subTypes == null) {
            throw new IllegalArgumentException(hierarchy.getSimpleName() + " is not a frame hierarchy");
        }
        return Arrays.stream(subTypes.value())
                .collect(Collectors.toUnmodifiableMap(JsonSubTypes.Type::name, JsonSubTypes.Type::value));
    }

    private static ObjectMapper newMapper(int maxFrameChars) {
        SimpleModule timestamps = new SimpleModule("confab-timestamps")
                .addSerializer(Instant.class, new TimestampSerializer())
                .addDeserializer(Instant.class, new TimestampDeserializer());
        JsonMapper mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                // Error messages must never quote the input: it may hold a password.
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .defaultPropertyInclusion(JsonInclude.Value.construct(NON_NULL, NON_NULL))
                .addModule(timestamps)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNameLength(MAX_KEY_LENGTH)
                .maxStringLength(maxFrameChars)
                .maxDocumentLength(maxFrameChars)
                .build());
        // Strict types: a number is not a string, a string is not a number, nothing is silently converted.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType numeric : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(numeric)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        return mapper;
    }

    /** ISO-8601 UTC with exactly three fraction digits, as the protocol writes every time. */
    private static final class TimestampSerializer extends StdSerializer<Instant> {
        private static final long serialVersionUID = 1L;

        TimestampSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(Timestamps.format(value));
        }
    }

    private static final class TimestampDeserializer extends StdDeserializer<Instant> {
        private static final long serialVersionUID = 1L;

        TimestampDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(com.fasterxml.jackson.core.JsonToken.VALUE_STRING)) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            try {
                return Instant.parse(parser.getText());
            } catch (DateTimeParseException e) {
                return (Instant) context.handleWeirdStringValue(Instant.class, parser.getText(),
                        "not an ISO-8601 timestamp");
            }
        }
    }
}
