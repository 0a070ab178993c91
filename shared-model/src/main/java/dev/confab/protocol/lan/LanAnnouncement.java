package dev.confab.protocol.lan;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a server announces about itself in the TXT record of its {@value #SERVICE_TYPE} service. Every value
 * comes from the running server; {@code online} changes while it runs and is re-announced.
 *
 * @param name    the server's name, as in {@code hello} (at most 64 characters)
 * @param version the server's version, e.g. {@code 0.1.0}
 * @param tls     whether clients must connect with {@code wss://}
 * @param guests  whether a nickname without a password may sign in
 * @param online  how many users are signed in right now
 * @param path    the WebSocket path, {@code /ws}
 */
public record LanAnnouncement(String name, String version, boolean tls, boolean guests, int online, String path) {
    /** The DNS-SD service type, fully qualified as mDNS libraries want it. */
    public static final String SERVICE_TYPE = "_confab._tcp.local.";
    /** The version of this TXT layout; a reader ignores keys it does not know. */
    public static final String TXT_VERSION = "1";

    static final String KEY_TXTVERS = "txtvers";
    static final String KEY_NAME = "name";
    static final String KEY_VERSION = "version";
    static final String KEY_TLS = "tls";
    static final String KEY_GUESTS = "guests";
    static final String KEY_ONLINE = "online";
    static final String KEY_PATH = "path";
    private static final int MAX_NAME = 64;

    public LanAnnouncement {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(path, "path");
        if (name.isBlank() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("name must be 1 to 64 characters");
        }
        if (online < 0) {
            throw new IllegalArgumentException("online must not be negative, was " + online);
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /, was " + path);
        }
    }

    /** The same announcement with another number of users online. */
    public LanAnnouncement withOnline(int count) {
        return new LanAnnouncement(name, version, tls, guests, count, path);
    }

    /** The TXT record's key/value pairs, in a stable order. */
    public Map<String, String> toTxt() {
        Map<String, String> txt = new LinkedHashMap<>();
        txt.put(KEY_TXTVERS, TXT_VERSION);
        txt.put(KEY_NAME, name);
        txt.put(KEY_VERSION, version);
        txt.put(KEY_TLS, String.valueOf(tls));
        txt.put(KEY_GUESTS, String.valueOf(guests));
        txt.put(KEY_ONLINE, String.valueOf(online));
        txt.put(KEY_PATH, path);
        return txt;
    }

    /**
     * Reads a TXT record as another computer sent it. Missing or malformed values fall back to what is safe to
     * show: the service's instance name, version "?", no TLS, guests unknown (false), 0 online, {@code /ws}.
     * Empty only when there is no usable name at all.
     */
    public static Optional<LanAnnouncement> fromTxt(String instanceName, Map<String, String> txt) {
        String name = txt.getOrDefault(KEY_NAME, "").strip();
        if (name.isEmpty()) {
            name = instanceName.strip();
        }
        if (name.isEmpty()) {
            return Optional.empty();
        }
        if (name.length() > MAX_NAME) {
            name = name.substring(0, MAX_NAME);
        }
        String version = txt.getOrDefault(KEY_VERSION, "").strip();
        String path = txt.getOrDefault(KEY_PATH, "/ws").strip();
        return Optional.of(new LanAnnouncement(name, version.isEmpty() ? "?" : version, flag(txt.get(KEY_TLS)),
                flag(txt.get(KEY_GUESTS)), count(txt.get(KEY_ONLINE)), path.startsWith("/") ? path : "/ws"));
    }

    private static boolean flag(@Nullable String value) {
        return value != null && "true".equals(value.strip().toLowerCase(Locale.ROOT));
    }

    private static int count(@Nullable String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
