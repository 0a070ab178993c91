package dev.confab.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the server protects its port: transport encryption, which browser pages may open a connection, and how many
 * connections one address may hold.
 *
 * @param tls                      plaintext, a given certificate, or one made for this host on first start
 * @param allowedOrigins           browser origins (normalised, e.g. {@code https://chat.example.com}) whose pages may
 *                                 connect; a connection that sends an {@code Origin} header not in this set is
 *                                 refused at the upgrade. Connections without the header (the desktop app) are not
 *                                 affected: cross-site WebSocket hijacking is a browser attack, and browsers always
 *                                 send it
 * @param maxConnectionsPerAddress open connections from one remote address; more are refused at the upgrade
 * @param capLoopback              whether the per-address cap applies to loopback addresses too; off by default,
 *                                 since everything behind a reverse proxy on this host arrives from loopback
 */
public record SecurityConfig(Tls tls, Set<String> allowedOrigins, int maxConnectionsPerAddress,
                             boolean capLoopback) {
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 64;

    public SecurityConfig {
        Objects.requireNonNull(tls, "tls");
        allowedOrigins = allowedOrigins.stream().map(origin -> normaliseOrigin(origin).orElseThrow(
                        () -> new IllegalArgumentException("not an origin (scheme://host[:port]): " + origin)))
                .collect(Collectors.toUnmodifiableSet());
        if (maxConnectionsPerAddress < 1) {
            throw new IllegalArgumentException("maxConnectionsPerAddress must be at least 1, was "
                    + maxConnectionsPerAddress);
        }
    }

    /** Plaintext, no browser origins, the default per-address cap. */
    public static SecurityConfig defaults() {
        return new SecurityConfig(new Tls.Off(), Set.of(), DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, false);
    }

    /** True when the server speaks {@code wss://}. */
    public boolean tlsEnabled() {
        return switch (tls) {
            case Tls.Off off -> false;
            case Tls.PemFiles pem -> true;
            case Tls.KeyStoreFile keyStore -> true;
            case Tls.SelfSigned selfSigned -> true;
        };
    }

    /** True when a connection whose request carries this {@code Origin} value may connect. */
    public boolean originAllowed(String origin) {
        return normaliseOrigin(origin).filter(allowedOrigins::contains).isPresent();
    }

    /**
     * The canonical form of an origin: lower-case scheme and host, the port only when it is not the scheme's
     * default, no path. Empty for {@code null} (sent by sandboxed pages and files), opaque or malformed values, and
     * anything with user info, a path, a query or a fragment: those are never allowed.
     */
    public static Optional<String> normaliseOrigin(String origin) {
        try {
            URI uri = new URI(origin.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            int defaultPort = switch (scheme) {
                case "https" -> 443;
                case "http" -> 80;
                default -> -2;
            };
            String host = uri.getHost();
            if (defaultPort == -2 || host == null || host.isEmpty() || uri.getRawUserInfo() != null
                    || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return Optional.empty();
            }
            int port = uri.getPort();
            String hostPart = host.toLowerCase(Locale.ROOT);
            return Optional.of(scheme + "://" + hostPart + (port == -1 || port == defaultPort ? "" : ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** How the server encrypts its connections. */
    public sealed interface Tls {

        /** Plain {@code ws://}; for a LAN host or behind a reverse proxy that terminates TLS. */
        record Off() implements Tls {
        }

        /** A PEM certificate chain (leaf first) and its PEM private key (PKCS#8, or PKCS#1/SEC1 as OpenSSL writes). */
        record PemFiles(Path certificateChain, Path privateKey) implements Tls {
            public PemFiles {
                Objects.requireNonNull(certificateChain, "certificateChain");
                Objects.requireNonNull(privateKey, "privateKey");
            }
        }

        /** A PKCS#12 key store holding one private key and its chain; the password never appears in toString. */
        record KeyStoreFile(Path file, String password) implements Tls {
            public KeyStoreFile {
                Objects.requireNonNull(file, "file");
                Objects.requireNonNull(password, "password");
            }

            @Override
            public String toString() {
                return "KeyStoreFile[file=" + file + ", password=***]";
            }
        }

        /**
         * A certificate this server makes for itself on first start and keeps in its data directory
         * ({@code tls/}), naming the host's addresses and name; clients pin it on first use.
         */
        record SelfSigned() implements Tls {
        }
    }
}
