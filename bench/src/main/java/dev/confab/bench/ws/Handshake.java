package dev.confab.bench.ws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client side of the RFC 6455 opening handshake: builds the upgrade request and checks the server's answer,
 * including {@code Sec-WebSocket-Accept}, so a server that does not really speak WebSocket fails loudly.
 */
public final class Handshake {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    /** An upgrade response larger than this is refused rather than buffered without bound. */
    public static final int MAX_RESPONSE_BYTES = 8192;

    private final String key;
    private final String expectedAccept;
    private final byte[] request;

    private Handshake(String host, int port, String path, String key) {
        this.key = key;
        this.expectedAccept = acceptFor(key);
        String text = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + host + ":" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "\r\n";
        this.request = text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A handshake with a fresh random 16-byte key. */
    public static Handshake create(String host, int port, String path) {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return new Handshake(host, port, path, Base64.getEncoder().encodeToString(nonce));
    }

    /** A handshake with a given key, for tests. */
    static Handshake withKey(String host, int port, String path, String key) {
        return new Handshake(host, port, path, key);
    }

    /** The HTTP upgrade request bytes. */
    public byte[] request() {
        return request.clone();
    }

    /** The key sent in {@code Sec-WebSocket-Key}. */
    public String key() {
        return key;
    }

    /** The {@code Sec-WebSocket-Accept} value a server must answer for {@code key} (RFC 6455 §4.2.2). */
    public static String acceptFor(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /**
     * The end of the response head ({@code \r\n\r\n}) in {@code buf[0..len)}: the index of the first byte after it,
     * or -1 while the head is incomplete.
     */
    public static int headEnd(byte[] buf, int len) {
        for (int i = 3; i < len; i++) {
            if (buf[i] == '\n' && buf[i - 1] == '\r' && buf[i - 2] == '\n' && buf[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    /** Checks a complete response head: status 101, the upgrade headers, and the accept value for our key. */
    public Verdict verify(String head) {
        String[] lines = head.split("\r\n");
        if (lines.length == 0 || !lines[0].matches("HTTP/1\\.1 101( .*)?")) {
            return new Verdict.Rejected("status line is not 101: " + (lines.length == 0 ? "" : lines[0]));
        }
        boolean upgrade = false;
        boolean connection = false;
        String accept = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            switch (name) {
                case "upgrade" -> upgrade = value.equalsIgnoreCase("websocket");
                case "connection" -> connection = value.toLowerCase(Locale.ROOT).contains("upgrade");
                case "sec-websocket-accept" -> accept = value;
                default -> {
                    // Other headers are allowed and ignored.
                }
            }
        }
        if (!upgrade || !connection) {
            return new Verdict.Rejected("missing Upgrade: websocket or Connection: Upgrade");
        }
        if (!expectedAccept.equals(accept)) {
            return new Verdict.Rejected("Sec-WebSocket-Accept does not match the key");
        }
        return new Verdict.Accepted();
    }

    /** The outcome of checking a handshake response. */
    public sealed interface Verdict {
        /** The server accepted the upgrade correctly. */
        record Accepted() implements Verdict {
        }

        /** The response was not a valid upgrade; {@code reason} says why. */
        record Rejected(String reason) implements Verdict {
        }
    }
}
