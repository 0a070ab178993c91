package dev.confab.server.tls;

import dev.confab.server.store.OwnerOnlyFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A LAN host's own certificate: an EC P-256 key and a self-signed certificate naming the host's name, its
 * addresses and loopback, made on first start and kept in {@code tls/server.key} and {@code tls/server.crt} (both
 * owner-only). It is reused on every later start, so that clients that pinned it on first use keep trusting the
 * host; deleting the two files makes a new one (and clients warn that the certificate changed). A certificate that
 * has expired is replaced the same way.
 */
final class SelfSignedCertificate {
    private static final Logger LOG = LoggerFactory.getLogger(SelfSignedCertificate.class);
    static final String KEY_FILE = "server.key";
    static final String CERTIFICATE_FILE = "server.crt";
    /** Long-lived on purpose: clients trust it by its pin, and a new one would make every client warn. */
    static final Duration VALIDITY = Duration.ofDays(3650);

    private SelfSignedCertificate() {
    }

    static KeyMaterial loadOrCreate(Path dir, Supplier<List<String>> hosts, Clock clock)
            throws IOException, GeneralSecurityException {
        Path keyFile = dir.resolve(KEY_FILE);
        Path certificateFile = dir.resolve(CERTIFICATE_FILE);
        if (Files.exists(keyFile) && Files.exists(certificateFile)) {
            OwnerOnlyFiles.file(keyFile);
            KeyMaterial kept = PemMaterial.load(certificateFile, keyFile);
            if (kept.chain().getFirst().getNotAfter().toInstant().isAfter(clock.instant())) {
                return kept;
            }
            LOG.warn("The self-signed certificate in {} has expired; making a new one", certificateFile);
        }
        OwnerOnlyFiles.directory(dir);
        KeyMaterial made = create(hosts.get(), clock);
        // The key first: a certificate is only read when both exist, and both are replaced whole.
        write(keyFile, pem(new JcaPKCS8Generator(made.key(), null)));
        write(certificateFile, pem(made.chain().getFirst()));
        LOG.info("Made a self-signed TLS certificate in {} (SHA-256 {})", certificateFile,
                ServerTls.fingerprint(made.chain().getFirst()));
        return made;
    }

    static KeyMaterial create(List<String> hosts, Clock clock) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        KeyPair pair = generator.generateKeyPair();
        Set<String> names = new LinkedHashSet<>(hosts);
        names.add("localhost");
        names.add("127.0.0.1");
        names.add("::1");
        String commonName = hosts.isEmpty() ? "localhost" : hosts.getFirst();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Confab")
                .addRDN(BCStyle.CN, "Confab host " + commonName).build();
        Instant now = clock.instant();
        byte[] serial = new byte[16];
        new SecureRandom().nextBytes(serial);
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(1, serial),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject,
                    pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames(names));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            certificate.verify(pair.getPublic());
            return new KeyMaterial(pair.getPrivate(), List.of(certificate));
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot make a self-signed certificate", e);
        }
    }

    private static GeneralNames subjectAlternativeNames(Set<String> names) {
        List<GeneralName> general = new ArrayList<>();
        for (String name : names) {
            String bare = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
            general.add(literalAddress(bare)
                    ? new GeneralName(GeneralName.iPAddress, bare)
                    : new GeneralName(GeneralName.dNSName, bare));
        }
        return new GeneralNames(general.toArray(new GeneralName[0]));
    }

    /** True for an IPv4 or IPv6 literal; never resolves a name. */
    private static boolean literalAddress(String name) {
        if (name.contains(":")) {
            return true;
        }
        if (!name.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return false;
        }
        return java.util.Arrays.stream(name.split("\\.")).mapToInt(Integer::parseInt).allMatch(part -> part <= 255);
    }

    private static String pem(Object object) throws IOException {
        // A private key goes in as a PKCS#8 generator ("PRIVATE KEY"): the SEC1 form BouncyCastle writes by default
        // leaves out the public key, which some readers need.
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    private static void write(Path file, String content) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName() + "-", ".tmp",
                OwnerOnlyFiles.fileAttributes(file.getParent()));
        try {
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
