package dev.confab.client.net;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;

/**
 * Trusts a server certificate that chains to a system authority and matches the server's name (the JDK's own check,
 * with the endpoint identification the WebSocket client asks for), or whose fingerprint the user pinned for this
 * server. Anything else is refused, and described to {@code unknown} so that the app can ask the user.
 * A pinned certificate is trusted by its exact bytes, so its names and dates do not matter: a LAN host's
 * self-signed certificate keeps working when its address changes.
 */
final class PinningTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager system;
    private final ServerAddress address;
    private final CertificatePins pins;
    private final Consumer<TrustPrompt> unknown;

    private PinningTrustManager(X509ExtendedTrustManager system, ServerAddress address, CertificatePins pins,
                                Consumer<TrustPrompt> unknown) {
        this.system = system;
        this.address = address;
        this.pins = pins;
        this.unknown = unknown;
    }

    /** An SSL context that checks servers this way. */
    static SSLContext context(ServerAddress address, CertificatePins pins, Consumer<TrustPrompt> unknown) {
        return context(address, pins, unknown, null);
    }

    /** The same over other authorities than the system's (tests); {@code authorities} null for the system's. */
    static SSLContext context(ServerAddress address, CertificatePins pins, Consumer<TrustPrompt> unknown,
                              @Nullable KeyStore authorities) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(authorities);
            X509ExtendedTrustManager system = null;
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager extended) {
                    system = extended;
                }
            }
            if (system == null) {
                throw new IllegalStateException("the JDK offers no X509ExtendedTrustManager");
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new PinningTrustManager(system, address, pins, unknown)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS", e);
        }
    }

    /** The key a pin is stored under: {@code host:port}. */
    static String pinKey(ServerAddress address) {
        return address.host() + ":" + address.port();
    }

    /** SHA-256 of a certificate's DER bytes, upper-case hex pairs joined by colons. */
    static String fingerprint(X509Certificate certificate) throws CertificateException {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new CertificateException("no SHA-256", e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        try {
            system.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException untrusted) {
            checkPinned(chain, untrusted);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            system.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException untrusted) {
            checkPinned(chain, untrusted);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            system.checkServerTrusted(chain, authType);
        } catch (CertificateException untrusted) {
            checkPinned(chain, untrusted);
        }
    }

    private void checkPinned(X509Certificate[] chain, CertificateException untrusted) throws CertificateException {
        if (chain.length == 0) {
            throw untrusted;
        }
        String presented = fingerprint(chain[0]);
        Optional<String> pinned = pins.pinned(pinKey(address));
        if (pinned.isPresent() && pinned.get().equalsIgnoreCase(presented)) {
            return;
        }
        unknown.accept(new TrustPrompt(address, presented, chain[0].getSubjectX500Principal().getName(), pinned));
        throw new CertificateException(pinned.isPresent()
                ? "the certificate of " + address.display() + " changed since it was trusted"
                : "the certificate of " + address.display() + " is not trusted yet", untrusted);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("this client does not accept client connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("this client does not accept client connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this client does not accept client connections");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return system.getAcceptedIssuers();
    }
}
