package dev.confab.server.net;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;

/**
 * The two computed headers of the upgrade response, as Java-WebSocket 1.6.0's {@code Draft_6455} writes them, at a
 * fraction of its cost: it builds a {@code Calendar} and a {@code SimpleDateFormat} for every response's
 * {@code Date} and looks SHA-1 up among the security providers for every {@code Sec-WebSocket-Accept}. Here the
 * date is formatted once a second and the digest is a copy of one looked up once.
 */
final class UpgradeResponse {
    /** RFC 6455 §1.3: appended to the client's key before hashing. */
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    /** The library's {@code "EEE, dd MMM yyyy HH:mm:ss z"} in GMT, with java.time. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final MessageDigest SHA1 = sha1();

    /** The date of the second last formatted; swapped whole, so a reader sees a second and its text together. */
    private static volatile Dated lastDate = new Dated(Long.MIN_VALUE, "");

    private UpgradeResponse() {
    }

    /** {@code Sec-WebSocket-Accept} for the client's {@code Sec-WebSocket-Key} (trimmed, as the library does). */
    static String acceptKey(String clientKey) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA1.clone();
        } catch (CloneNotSupportedException e) {
            digest = sha1(); // a provider whose digest cannot be copied: look it up each time
        }
        // The library hashes the platform's default encoding of the key; a valid key is base64, i.e. ASCII.
        byte[] hash = digest.digest((clientKey.trim() + GUID).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(hash);
    }

    /** The {@code Date} header for {@code now}, e.g. {@code Thu, 03 Dec 2026 13:40:00 GMT}. */
    static String date(Instant now) {
        long second = now.getEpochSecond();
        Dated last = lastDate;
        if (last.second() == second) {
            return last.text();
        }
        String text = HTTP_DATE.format(Instant.ofEpochSecond(second));
        lastDate = new Dated(second, text);
        return text;
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    private record Dated(long second, String text) {
    }
}
