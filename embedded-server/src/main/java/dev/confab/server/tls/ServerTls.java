package dev.confab.server.tls;

import dev.confab.server.SecurityConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The server's TLS identity: its SSL context and leaf certificate. Made once at start from the configuration; a
 * missing or unreadable file fails the start with a message naming it.
 *
 * @param context     the server-side SSL context
 * @param certificate the leaf certificate clients see (and pin)
 */
public record ServerTls(SSLContext context, X509Certificate certificate) {
    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    private static final char[] IN_MEMORY_PASSWORD = new char[0];

    /**
     * The TLS identity the config asks for, or empty for plaintext.
     *
     * @param tlsDir where a self-signed certificate is kept (created owner-only when needed)
     * @param hosts  names and addresses a self-signed certificate must name; asked only when one is made (finding
     *               the host name may wait for a DNS lookup)
     * @throws UncheckedIOException when a file cannot be read or the material is unusable
     */
    public static Optional<ServerTls> create(SecurityConfig.Tls tls, Path tlsDir, Supplier<List<String>> hosts,
                                             Clock clock) {
        try {
            return switch (tls) {
                case SecurityConfig.Tls.Off off -> Optional.empty();
                case SecurityConfig.Tls.PemFiles pem -> Optional.of(of(PemMaterial.load(pem.certificateChain(),
                        pem.privateKey())));
                case SecurityConfig.Tls.KeyStoreFile file -> Optional.of(fromKeyStore(file));
                case SecurityConfig.Tls.SelfSigned selfSigned -> Optional.of(of(
                        SelfSignedCertificate.loadOrCreate(tlsDir, hosts, clock)));
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up TLS: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new UncheckedIOException("cannot set up TLS: " + e.getMessage(), new IOException(e));
        }
    }

    /** Only TLS 1.3 and 1.2, with the JDK's default (forward-secret) suites. */
    public SSLParameters parameters() {
        SSLParameters parameters = context.getDefaultSSLParameters();
        List<String> supported = List.of(context.getSupportedSSLParameters().getProtocols());
        parameters.setProtocols(PROTOCOLS.stream().filter(supported::contains).toArray(String[]::new));
        parameters.setNeedClientAuth(false);
        return parameters;
    }

    /** SHA-256 of the leaf certificate's DER encoding as upper-case hex pairs joined by colons. */
    public String fingerprint() {
        return fingerprint(certificate);
    }

    /** SHA-256 of a certificate's DER encoding as upper-case hex pairs joined by colons. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }

    private static ServerTls of(KeyMaterial material) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("confab", material.key(), IN_MEMORY_PASSWORD,
                material.chain().toArray(new X509Certificate[0]));
        return fromStore(store, IN_MEMORY_PASSWORD, material.chain().getFirst());
    }

    private static ServerTls fromKeyStore(SecurityConfig.Tls.KeyStoreFile file)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        char[] password = file.password().toCharArray();
        try (InputStream in = Files.newInputStream(file.file())) {
            store.load(in, password);
        }
        String alias = store.aliases().asIterator().hasNext() ? firstKeyAlias(store) : "";
        if (alias.isEmpty()) {
            throw new GeneralSecurityException("the key store " + file.file() + " holds no private key");
        }
        return fromStore(store, password, (X509Certificate) store.getCertificate(alias));
    }

    private static String firstKeyAlias(KeyStore store) throws GeneralSecurityException {
        for (String alias : java.util.Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                return alias;
            }
        }
        return "";
    }

    private static ServerTls fromStore(KeyStore store, char[] password, X509Certificate leaf)
            throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return new ServerTls(context, leaf);
    }

    @Override
    public String toString() {
        return "ServerTls[certificate=" + certificate.getSubjectX500Principal() + ", sha256=" + fingerprint() + "]";
    }
}
