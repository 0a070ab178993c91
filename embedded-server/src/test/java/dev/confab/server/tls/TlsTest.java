package dev.confab.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.protocol.ServerFrame;
import dev.confab.server.ServerConfig;
import dev.confab.server.SecurityConfig;
import dev.confab.server.testing.RawWebSocket;
import dev.confab.server.testing.TestClient;
import dev.confab.server.testing.TestServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real {@code wss://} connections on loopback, with each way of giving the server its certificate. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsTest {
    @TempDir
    Path dir;

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void selfSignedServerSpeaksWssAndKeepsItsCertificateAcrossRestarts() throws Exception {
        server = TestServer.start(dir, b -> b.tlsSelfSigned(true));
        assertThat(server.server().url().getScheme()).isEqualTo("wss");
        Path certificateFile = dir.resolve("tls").resolve(SelfSignedCertificate.CERTIFICATE_FILE);
        Path keyFile = dir.resolve("tls").resolve(SelfSignedCertificate.KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certificateFile)))
                .isEqualTo("rw-------");
        X509Certificate certificate = PemMaterial.chain(certificateFile).getFirst();
        assertThat(subjectNames(certificate)).contains("127.0.0.1", "localhost");
        String fingerprint = server.server().certificateFingerprint().orElseThrow();
        assertThat(fingerprint).isEqualTo(ServerTls.fingerprint(certificate)).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");

        hello(trusting(certificate));

        server.close();
        server = TestServer.start(dir, b -> b.tlsSelfSigned(true));
        assertThat(server.server().certificateFingerprint()).contains(fingerprint);
        hello(trusting(certificate));
    }

    @Test
    void servesAGivenPemCertificateAndKey() throws Exception {
        KeyMaterial material = SelfSignedCertificate.create(List.of("127.0.0.1"), Clock.systemUTC());
        Path tlsDir = Files.createDirectories(dir.resolve("given"));
        SelfSignedCertificate.loadOrCreate(tlsDir, () -> List.of("127.0.0.1"), Clock.systemUTC());
        Path chain = tlsDir.resolve(SelfSignedCertificate.CERTIFICATE_FILE);
        Path key = tlsDir.resolve(SelfSignedCertificate.KEY_FILE);
        X509Certificate expected = PemMaterial.chain(chain).getFirst();
        assertThat(material.chain()).hasSize(1);

        server = TestServer.start(dir.resolve("data"), b -> b.tlsCertificate(chain).tlsPrivateKey(key));
        assertThat(server.server().certificateFingerprint()).contains(ServerTls.fingerprint(expected));
        hello(trusting(expected));
        assertThat(Files.exists(dir.resolve("data").resolve("tls"))).as("no certificate of its own").isFalse();
    }

    @Test
    void servesAPkcs12KeyStore() throws Exception {
        KeyMaterial material = SelfSignedCertificate.create(List.of("127.0.0.1"), Clock.systemUTC());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("host", material.key(), "s3cret".toCharArray(),
                material.chain().toArray(new X509Certificate[0]));
        Path file = dir.resolve("host.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, "s3cret".toCharArray());
        }
        server = TestServer.start(dir.resolve("data"), b -> b.tls(new SecurityConfig.Tls.KeyStoreFile(file,
                "s3cret")));
        hello(trusting(material.chain().getFirst()));
    }

    @Test
    void aWrongKeyStorePasswordOrMissingFileFailsTheStartNamingTheProblem() {
        assertThatThrownBy(() -> TestServer.start(dir.resolve("a"), b -> b.tlsCertificate(dir.resolve("none.pem"))
                .tlsPrivateKey(dir.resolve("none.key"))))
                .hasMessageContaining("cannot set up TLS").hasMessageContaining("none");
        assertThatThrownBy(() -> ServerConfig.builder().tlsCertificate(dir.resolve("c.pem")).build())
                .hasMessageContaining("tls-key");
        assertThatThrownBy(() -> ServerConfig.builder().tlsSelfSigned(true).tlsKeyStore(dir.resolve("k.p12")).build())
                .hasMessageContaining("choose one");
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateCannotConnect() throws Exception {
        server = TestServer.start(dir, b -> b.tlsSelfSigned(true));
        TestClient client = server.track(new TestClient(server.uri("/ws")));
        client.setSocketFactory(SSLContext.getDefault().getSocketFactory());
        assertThat(client.connectBlocking(TestClient.WAIT_SECONDS, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void plaintextToATlsPortGetsNoUpgrade() throws Exception {
        server = TestServer.start(dir, b -> b.tlsSelfSigned(true));
        TestClient client = server.track(new TestClient(URI.create("ws://127.0.0.1:" + server.server().port()
                + "/ws")));
        assertThat(client.connectBlocking(TestClient.WAIT_SECONDS, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void aSocketThatNeverStartsTlsIsCutAtTheHandshakeDeadline() throws Exception {
        server = TestServer.start(dir, b -> b.tlsSelfSigned(true).handshakeTimeout(Duration.ofMillis(300)));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.server().port()));
            socket.setSoTimeout(10_000);
            // At most a TLS alert, then the end of the stream (a read timeout would fail the test).
            assertThat(socket.getInputStream().readAllBytes()).as("server closed the socket").hasSizeLessThan(64);
        }
    }

    @Test
    void aHalfFinishedUpgradeInsideTlsIsCutAtTheDeadline() throws Exception {
        server = TestServer.start(dir, b -> b.tlsSelfSigned(true).handshakeTimeout(Duration.ofMillis(500)));
        try (SSLSocket socket = tlsSocket()) {
            socket.getOutputStream().write("GET /ws HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            assertThat(socket.getInputStream().read()).as("server closed the socket").isEqualTo(-1);
        }
    }

    @Test
    void anEndlessUpgradeRequestInsideTlsIsCutAfterTheByteLimit() throws Exception {
        server = TestServer.start(dir, b -> b.tlsSelfSigned(true).handshakeTimeout(Duration.ofMinutes(5))
                .maxHandshakeBytes(16 * 1024));
        try (SSLSocket socket = tlsSocket()) {
            OutputStream out = socket.getOutputStream();
            byte[] header = ("X-Filler: " + "a".repeat(1000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            out.write("GET /ws HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            try {
                for (int i = 0; i < 64; i++) {
                    out.write(header);
                    out.flush();
                }
                assertThat(socket.getInputStream().read()).as("server closed the socket").isEqualTo(-1);
            } catch (java.io.IOException reset) {
                // Closed while we were still writing: the connection was cut, as it should be.
            }
        }
    }

    @Test
    void aLargeMessageOverTlsArrivesWholeAndAnOversizedFrameStillCloses1009() throws Exception {
        server = TestServer.start(dir, b -> b.tlsSelfSigned(true));
        X509Certificate certificate = PemMaterial.chain(dir.resolve("tls").resolve(
                SelfSignedCertificate.CERTIFICATE_FILE)).getFirst();
        TestClient alice = trusted(certificate);
        alice.next(ServerFrame.Hello.class);
        alice.send(new dev.confab.protocol.ClientFrame.Login("in",
                new dev.confab.protocol.ClientFrame.Credentials("alice", null)));
        alice.next(ServerFrame.Connected.class);
        TestServer.join(alice, "general");
        String text = "x".repeat(3999);
        alice.send(new dev.confab.protocol.ClientFrame.SendMessage("m", dev.confab.protocol.RoomName.of("general"),
                new dev.confab.protocol.ClientFrame.Outgoing(dev.confab.protocol.MessageContent.of(text), null,
                        null, null)));
        assertThat(alice.await(ServerFrame.Message.class).data().content()).isEqualTo(text);
        // Only the header of the oversized frame goes out: the server refuses it on the declared length, and sends
        // its close frame after it has read all this client wrote. A client still writing the payload could see a
        // reset instead, since the library closes the socket right after its close frame (docs/SECURITY.md).
        try (RawWebSocket raw = RawWebSocket.upgrade(tlsSocket())) {
            raw.frameHeaderDeclaring(70 * 1024);
            assertThat(raw.closeCode()).isEqualTo(1009);
        }
    }

    private SSLSocket tlsSocket() throws Exception {
        X509Certificate certificate = PemMaterial.chain(dir.resolve("tls").resolve(
                SelfSignedCertificate.CERTIFICATE_FILE)).getFirst();
        SSLSocket socket = (SSLSocket) contextTrusting(certificate).getSocketFactory()
                .createSocket("127.0.0.1", server.server().port());
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return socket;
    }

    private void hello(TestClient client) {
        assertThat(client.next()).isInstanceOf(ServerFrame.Hello.class);
    }

    private TestClient trusting(X509Certificate certificate) throws Exception {
        return trusted(certificate);
    }

    private TestClient trusted(X509Certificate certificate) throws Exception {
        TestClient client = server.track(new TestClient(server.uri("/ws")));
        client.setSocketFactory(contextTrusting(certificate).getSocketFactory());
        return client.open();
    }

    static SSLContext contextTrusting(X509Certificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static List<String> subjectNames(X509Certificate certificate) throws Exception {
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        return names.stream().map(name -> String.valueOf(name.get(1))).toList();
    }
}
