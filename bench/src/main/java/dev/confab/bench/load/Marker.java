package dev.confab.bench.load;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The load generator's mark inside each message's content: {@code cfb|phase|sender|n|intendedNanos|} then
 * padding. Receivers find it with a byte scan instead of a JSON parse, so the generator's own cost per delivery
 * stays small next to the server's. The intended time is this process's {@link System#nanoTime()}, the same clock
 * that stamps the receipt.
 */
public final class Marker {
    private static final byte[] PREFIX = "cfb|".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MESSAGE_TYPE = "message\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TYPE_KEY = "\"type\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REPLY_TO_KEY = "\"reply_to\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FIRST_MESSAGE = "\"messages\":[{".getBytes(StandardCharsets.US_ASCII);
    /** The envelope's {@code reply_to} comes before its {@code data}: within this many bytes of the start. */
    private static final int ENVELOPE_BYTES = 512;

    private Marker() {
    }

    /** A message body of exactly {@code size} characters (or longer, when the mark alone is longer). */
    public static String content(int phase, int sender, long n, long intendedNanos, int size) {
        StringBuilder b = new StringBuilder(size + 8).append("cfb|").append(phase).append('|').append(sender)
                .append('|').append(n).append('|').append(intendedNanos).append('|');
        while (b.length() < size) {
            b.append('x');
        }
        return b.toString();
    }

    /** The parsed mark: which phase, which sender, which message of that sender, and when it was due. */
    public record Mark(int phase, int sender, long n, long intendedNanos) {
    }

    /** Finds and parses the mark in {@code buf[off..off+len)}, or returns null when there is none. */
    public static @Nullable Mark find(byte[] buf, int off, int len) {
        int at = indexOf(buf, off, len, PREFIX);
        if (at < 0) {
            return null;
        }
        int end = off + len;
        long[] fields = new long[4];
        int p = at + PREFIX.length;
        for (int f = 0; f < 4; f++) {
            long v = 0;
            int start = p;
            while (p < end && buf[p] >= '0' && buf[p] <= '9') {
                v = v * 10 + (buf[p] - '0');
                p++;
            }
            if (p == start || p >= end || buf[p] != '|') {
                return null;
            }
            fields[f] = v;
            p++;
        }
        return new Mark((int) fields[0], (int) fields[1], fields[2], fields[3]);
    }

    /**
     * The value of the first {@code "type":"...} in the frame, which is the envelope's own since every server
     * under test writes {@code type} first; empty when absent.
     */
    public static String typeOf(byte[] buf, int off, int len) {
        int at = indexOf(buf, off, Math.min(len, 256), TYPE_KEY);
        if (at < 0) {
            return "";
        }
        int start = at + TYPE_KEY.length;
        int end = off + len;
        if (startsWith(buf, start, end, MESSAGE_TYPE)) {
            // The hot path, hundreds of thousands a second: no allocation.
            return "message";
        }
        int p = start;
        while (p < end && buf[p] != '"') {
            p++;
        }
        return new String(buf, start, p - start, StandardCharsets.US_ASCII);
    }

    private static boolean startsWith(byte[] buf, int from, int end, byte[] prefix) {
        if (end - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buf[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The request id of a message: {@code m<phase>.<n>.<intendedNanos>}, so an error about it can be retried. */
    public static String id(int phase, long n, long intendedNanos) {
        return "m" + phase + "." + n + "." + intendedNanos;
    }

    /** Parses an id made by {@link #id}; the mark's sender is unknown there and set to -1. */
    public static @Nullable Mark parseId(String id) {
        String[] parts = id.substring(1).split("\\.");
        if (!id.startsWith("m") || parts.length != 3) {
            return null;
        }
        try {
            return new Mark(Integer.parseInt(parts[0]), -1, Long.parseLong(parts[1]), Long.parseLong(parts[2]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The request id of a history query: {@code q<phase>.<n>}, so a reply from an earlier phase is told apart. */
    public static String queryId(int phase, long n) {
        return "q" + phase + "." + n;
    }

    /** Parses an id made by {@link #queryId}; its sender and intended time are unknown there and set to -1. */
    public static @Nullable Mark parseQueryId(String id) {
        int dot = id.indexOf('.');
        if (!id.startsWith("q") || dot < 0) {
            return null;
        }
        try {
            return new Mark(Integer.parseInt(id.substring(1, dot)), -1, Long.parseLong(id.substring(dot + 1)), -1);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The envelope's {@code reply_to} of a compact JSON frame, found by a byte scan; null when it has none. */
    public static @Nullable String replyTo(byte[] buf, int off, int len) {
        int at = indexOf(buf, off, Math.min(len, ENVELOPE_BYTES), REPLY_TO_KEY);
        if (at < 0) {
            return null;
        }
        int start = at + REPLY_TO_KEY.length;
        int end = off + len;
        int p = start;
        while (p < end && buf[p] != '"') {
            p++;
        }
        return p >= end ? null : new String(buf, start, p - start, StandardCharsets.US_ASCII);
    }

    /** True when a compact {@code history} frame's page holds at least one message. */
    public static boolean hasMessages(byte[] buf, int off, int len) {
        return indexOf(buf, off, len, FIRST_MESSAGE) >= 0;
    }

    static int indexOf(byte[] buf, int off, int len, byte[] needle) {
        int last = off + len - needle.length;
        outer:
        for (int i = off; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (buf[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
