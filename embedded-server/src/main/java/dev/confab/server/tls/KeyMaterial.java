package dev.confab.server.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** A private key and its certificate chain, leaf first. */
record KeyMaterial(PrivateKey key, List<X509Certificate> chain) {
    KeyMaterial {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least the leaf");
        }
    }

    @Override
    public String toString() {
        return "KeyMaterial[key=***, leaf=" + chain.getFirst().getSubjectX500Principal() + "]";
    }
}
