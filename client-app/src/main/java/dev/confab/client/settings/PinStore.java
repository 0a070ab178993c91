package dev.confab.client.settings;

import dev.confab.client.net.CertificatePins;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The certificates the user trusted on first use, one SHA-256 fingerprint per server ({@code host:port}), in
 * {@code known-servers.properties} in the config directory, readable by the user only (mode 0600 where the file
 * system has modes). A fingerprint is not secret, but who one talks to is private, and nobody else may add a pin.
 */
public final class PinStore implements CertificatePins {
    private static final String COMMENT = "Confab: server certificates you chose to trust (SHA-256).";
    private final Path file;

    private PinStore(Path file) {
        this.file = file;
    }

    public static PinStore create(Path file) {
        return new PinStore(file);
    }

    @Override
    public synchronized Optional<String> pinned(String server) {
        return Optional.ofNullable(PropertiesFile.load(file).getProperty(server)).filter(value -> !value.isBlank());
    }

    @Override
    public synchronized void pin(String server, String fingerprint) {
        Properties props = PropertiesFile.load(file);
        props.setProperty(server, fingerprint);
        PropertiesFile.save(file, props, COMMENT, true);
    }
}
