package dev.confab.client.net;

import dev.confab.protocol.ProtocolViolation;
import dev.confab.protocol.RoomName;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An invitation into a room: {@code confab://host:port/room}, with {@code ?tls=1} when the server wants
 * {@code wss://}. Opening one starts the app straight into the room; the installers register the {@code confab}
 * URL scheme for that.
 *
 * @param server where the room is
 * @param room   the room to open; null for the server's default room
 */
public record InviteLink(ServerAddress server, @Nullable RoomName room) {
    public static final String SCHEME = "confab";

    public InviteLink {
        Objects.requireNonNull(server, "server");
    }

    /** What parsing a link gave: the link, or why it is not one. */
    public sealed interface Parsed {
        /** A good link. */
        record Ok(InviteLink link) implements Parsed {
        }

        /** Not a link, with the reason in words. */
        record Bad(String reason) implements Parsed {
        }
    }

    /** An invite to {@code room} on {@code server}. */
    public static InviteLink of(ServerAddress server, RoomName room) {
        return new InviteLink(server, room);
    }

    /** Reads a link as the desktop hands it over (or as someone pasted it). */
    public static Parsed parse(String text) {
        String trimmed = text.strip();
        if (!trimmed.regionMatches(true, 0, SCHEME + "://", 0, SCHEME.length() + 3)) {
            return new Parsed.Bad("an invite starts with confab://");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            return new Parsed.Bad("not a valid link: " + e.getReason());
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return new Parsed.Bad("the invite names no server");
        }
        if (uri.getUserInfo() != null) {
            return new Parsed.Bad("an invite carries no user name or password");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String roomText = path.startsWith("/") ? path.substring(1) : path;
        RoomName room = null;
        if (!roomText.isEmpty()) {
            try {
                room = RoomName.of(roomText.toLowerCase(Locale.ROOT));
            } catch (ProtocolViolation e) {
                return new Parsed.Bad("\"" + roomText + "\" is not a room name");
            }
        }
        boolean tls = uri.getQuery() != null && uri.getQuery().matches("(^|.*&)tls=(1|true)(&.*|$)");
        String host = uri.getHost();
        int port = uri.getPort() > 0 ? uri.getPort() : ServerAddress.DEFAULT_PORT;
        Optional<ServerAddress> server = ServerAddress.parse((tls ? "wss://" : "ws://") + host + ":" + port);
        if (server.isEmpty()) {
            return new Parsed.Bad("\"" + host + "\" is not a server address");
        }
        return new Parsed.Ok(new InviteLink(server.get(), room));
    }

    /** The link: {@code confab://192.168.1.20:7480/general}. */
    public String toLink() {
        String host = server.host().contains(":") && !server.host().startsWith("[") ? "[" + server.host() + "]"
                : server.host();
        return SCHEME + "://" + host + ":" + server.port() + "/" + (room == null ? "" : room.value())
                + (server.secure() ? "?tls=1" : "");
    }

    @Override
    public String toString() {
        return toLink();
    }
}
