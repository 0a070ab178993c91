package dev.confab.server.net;

import dev.confab.protocol.ProtocolViolation;
import dev.confab.protocol.RoomName;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.java_websocket.handshake.ClientHandshake;
import org.jspecify.annotations.Nullable;

/**
 * What an upgrade request asks for: one of the endpoint paths ({@code /ws}, {@code /}, {@code /ws/ROOM}) and an
 * optional token (query {@code token}, {@code Authorization: Bearer}, or a {@code token} cookie, in that order).
 *
 * @param autoJoin the room of a {@code /ws/ROOM} path, joined once the connection is signed in
 * @param token the token presented at the handshake; never logged
 */
public record RequestTarget(@Nullable RoomName autoJoin, @Nullable String token) {
    /** Tokens longer than this are refused before any parsing. */
    public static final int MAX_TOKEN_LENGTH = 4096;
    private static final Pattern TOKEN_IN_QUERY = Pattern.compile("(?i)([?&]token=)[^&#]*");

    /** The target of a handshake, or empty when its path is not an endpoint of this server. */
    public static Optional<RequestTarget> of(ClientHandshake request) {
        String descriptor = request.getResourceDescriptor();
        int queryStart = descriptor.indexOf('?');
        String path = queryStart < 0 ? descriptor : descriptor.substring(0, queryStart);
        String query = queryStart < 0 ? "" : descriptor.substring(queryStart + 1);
        RoomName room;
        if (path.equals("/") || path.equals("/ws") || path.equals("/ws/")) {
            room = null;
        } else if (path.startsWith("/ws/")) {
            try {
                room = RoomName.of(path.substring("/ws/".length()));
            } catch (ProtocolViolation e) {
                return Optional.empty();
            }
        } else {
            return Optional.empty();
        }
        return Optional.of(new RequestTarget(room, firstToken(query, request)));
    }

    /** The resource descriptor with any {@code token} query value replaced by {@code ***}, safe to log. */
    public static String redact(String resourceDescriptor) {
        return TOKEN_IN_QUERY.matcher(resourceDescriptor).replaceAll("$1***");
    }

    private static @Nullable String firstToken(String query, ClientHandshake request) {
        for (String pair : query.split("&")) {
            if (pair.startsWith("token=")) {
                return nonEmpty(decoded(pair.substring("token=".length())));
            }
        }
        String authorization = request.getFieldValue("Authorization");
        if (authorization.regionMatches(true, 0, "Bearer ", 0, "Bearer ".length())) {
            return nonEmpty(authorization.substring("Bearer ".length()).trim());
        }
        for (String cookie : request.getFieldValue("Cookie").split(";")) {
            String trimmed = cookie.trim();
            if (trimmed.startsWith("token=")) {
                return nonEmpty(trimmed.substring("token=".length()));
            }
        }
        return null;
    }

    private static String decoded(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // A malformed escape is kept as it is; verification then refuses it like any other bad token.
            return value;
        }
    }

    private static @Nullable String nonEmpty(String token) {
        return token.isEmpty() ? null : token;
    }

    @Override
    public String toString() {
        return "RequestTarget[autoJoin=" + autoJoin + ", token=" + (token == null ? "none" : "***") + "]";
    }
}
