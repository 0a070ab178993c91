package dev.confab.client.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.server.ConfabServer;
import dev.confab.server.RunningServer;
import dev.confab.server.ServerConfig;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real TLS handshakes against the embedded server, with a test certificate authority standing in for the
 * system's: a CA-signed certificate for the right name passes without a question; a CA-signed one for another
 * name, or one nobody vouches for, is refused and described, and passes once pinned.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PinningTrustManagerTest {
    @TempDir
    Path dir;

    private final List<TrustPrompt> prompts = new CopyOnWriteArrayList<>();
    private final CertificatePins pins = CertificatePins.inMemory();
    private KeyPair caKeys;
    private X509Certificate ca;
    private KeyStore authorities;
    private RunningServer server;

    @BeforeEach
    void makeAuthority() throws Exception {
        caKeys = keys();
        X500Name name = new X500Name("CN=Test Authority");
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(Instant.now().minusSeconds(60)),
                Date.from(Instant.now().plus(Duration.ofDays(1))), name, caKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        ca = sign(builder, caKeys.getPrivate());
        authorities = KeyStore.getInstance("PKCS12");
        authorities.load(null, null);
        authorities.setCertificateEntry("test-ca", ca);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aCertificateFromATrustedAuthorityForTheRightNameNeedsNoQuestion() throws Exception {
        serve(leaf(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        handshake();
        assertThat(prompts).isEmpty();
    }

    @Test
    void aTrustedAuthorityCertificateForAnotherNameIsRefusedUntilPinned() throws Exception {
        serve(leaf(new GeneralName(GeneralName.dNSName, "chat.example.com")));
        assertThatThrownBy(this::handshake).isInstanceOf(SSLHandshakeException.class);
        assertThat(prompts).singleElement().satisfies(prompt -> {
            assertThat(prompt.changed()).isFalse();
            assertThat(prompt.fingerprint()).isEqualTo(server.certificateFingerprint().orElseThrow());
        });
        pins.pin("127.0.0.1:" + server.port(), prompts.getFirst().fingerprint());
        handshake();
        assertThat(prompts).hasSize(1);
    }

    @Test
    void aSelfSignedCertificateIsAskedAboutAndAChangedPinIsAWarning() throws Exception {
        server = ConfabServer.start(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dir.resolve("s"))
                .tlsSelfSigned(true).build());
        pins.pin("127.0.0.1:" + server.port(), "00:11:22");
        assertThatThrownBy(this::handshake).isInstanceOf(SSLHandshakeException.class);
        assertThat(prompts).singleElement().satisfies(prompt -> {
            assertThat(prompt.changed()).isTrue();
            assertThat(prompt.pinned()).contains("00:11:22");
        });
    }

    private void handshake() throws Exception {
        ServerAddress address = ServerAddress.parse("wss://127.0.0.1:" + server.port()).orElseThrow();
        SSLContext context = PinningTrustManager.context(address, pins, prompts::add, authorities);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", server.port())) {
            SSLParameters parameters = socket.getSSLParameters();
            // What the WebSocket client asks for on every wss:// connection.
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(10_000);
            socket.startHandshake();
        }
    }

    private void serve(KeyPairAndCertificate leaf) throws Exception {
        Path chain = dir.resolve("chain.pem");
        Path key = dir.resolve("key.pem");
        Files.writeString(chain, pem(leaf.certificate()) + pem(ca));
        Files.writeString(key, pem(new JcaPKCS8Generator(leaf.keys().getPrivate(), null)));
        server = ConfabServer.start(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dir.resolve("data"))
                .tlsCertificate(chain).tlsPrivateKey(key).build());
    }

    private record KeyPairAndCertificate(KeyPair keys, X509Certificate certificate) {
    }

    private KeyPairAndCertificate leaf(GeneralName name) throws Exception {
        KeyPair keys = keys();
        var builder = new JcaX509v3CertificateBuilder(new X500Name("CN=Test Authority"), BigInteger.TWO,
                Date.from(Instant.now().minusSeconds(60)), Date.from(Instant.now().plus(Duration.ofDays(1))),
                new X500Name("CN=host"), keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(name));
        return new KeyPairAndCertificate(keys, sign(builder, caKeys.getPrivate()));
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey key) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    }

    private static KeyPair keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static String pem(Object object) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
