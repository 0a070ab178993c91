package dev.confab.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Reads a PEM certificate chain and a PEM private key: PKCS#8, or the PKCS#1 / SEC1 forms OpenSSL writes. */
final class PemMaterial {
    private PemMaterial() {
    }

    static KeyMaterial load(Path chainFile, Path keyFile) throws IOException, GeneralSecurityException {
        return new KeyMaterial(privateKey(keyFile), chain(chainFile));
    }

    static List<X509Certificate> chain(Path file) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                chain.add((X509Certificate) certificate);
            }
        }
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + file);
        }
        return chain;
    }

    static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                switch (item) {
                    case PrivateKeyInfo info -> {
                        return converter.getPrivateKey(info);
                    }
                    case PEMKeyPair pair -> {
                        // PKCS#1 or SEC1; the public half may be absent, and is not needed.
                        return converter.getPrivateKey(pair.getPrivateKeyInfo());
                    }
                    default -> {
                        // Parameters (e.g. "EC PARAMETERS") or certificates before the key: skip them.
                    }
                }
            }
        }
        throw new GeneralSecurityException("no unencrypted private key in " + file
                + " (PKCS#8 \"PRIVATE KEY\", \"RSA PRIVATE KEY\" or \"EC PRIVATE KEY\")");
    }
}
