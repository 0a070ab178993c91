package dev.confab.client.net;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a Confab server listens. People type {@code host}, {@code host:port}, {@code ws://host:port/ws} or
 * {@code wss://...}; this turns any of them into one WebSocket URI with the default port 7480 and path {@code /ws}.
 */
public record ServerAddress(URI uri) {
    /** The port a Confab server listens on unless told otherwise. */
    public static final int DEFAULT_PORT = 7480;
    private static final String DEFAULT_PATH = "/ws";

    public ServerAddress {
        String scheme = uri.getScheme();
        if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
            throw new IllegalArgumentException("not a ws:// or wss:// address: " + uri);
        }
        if (uri.getHost() == null || uri.getPort() < 1) {
            throw new IllegalArgumentException("address needs a host and a port: " + uri);
        }
    }

    /** Reads what a person typed; empty when it cannot be an address. */
    public static Optional<ServerAddress> parse(String typed) {
        String text = typed.strip();
        if (text.isEmpty() || text.chars().anyMatch(Character::isWhitespace)) {
            return Optional.empty();
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://")) {
            text = "ws://" + text.substring("http://".length());
        } else if (lower.startsWith("https://")) {
            text = "wss://" + text.substring("https://".length());
        } else if (!lower.startsWith("ws://") && !lower.startsWith("wss://")) {
            if (text.contains("://")) {
                return Optional.empty();
            }
            text = "ws://" + text;
        }
        try {
            URI raw = new URI(text);
            if (raw.getHost() == null || raw.getUserInfo() != null) {
                return Optional.empty();
            }
            int port = raw.getPort() > 0 ? raw.getPort() : DEFAULT_PORT;
            String path = raw.getPath() == null || raw.getPath().isEmpty() || "/".equals(raw.getPath())
                    ? DEFAULT_PATH : raw.getPath();
            URI uri = new URI(raw.getScheme().toLowerCase(Locale.ROOT), null, raw.getHost(), port, path, null, null);
            return Optional.of(new ServerAddress(uri));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** An address for a host and port on plain ws with the default path. */
    public static ServerAddress of(String host, int port) {
        String shownHost = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return parse(shownHost + ":" + port).orElseThrow(() -> new IllegalArgumentException("bad host " + host));
    }

    public String host() {
        return uri.getHost();
    }

    public int port() {
        return uri.getPort();
    }

    public boolean secure() {
        return "wss".equals(uri.getScheme());
    }

    /** The short form a person reads and types: {@code host:port}, with the scheme only when it is TLS. */
    public String display() {
        String hostPort = uri.getHost() + ":" + uri.getPort();
        String path = DEFAULT_PATH.equals(uri.getPath()) ? "" : uri.getPath();
        return (secure() ? "wss://" : "") + hostPort + path;
    }

    @Override
    public String toString() {
        return display();
    }
}
