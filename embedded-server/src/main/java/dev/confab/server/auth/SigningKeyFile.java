package dev.confab.server.auth;

import dev.confab.server.store.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's HMAC key in {@code token.key}: 32 random bytes, made on first start and kept, so that tokens stay
 * valid across restarts. The file is written in full to an owner-only temporary file, forced to disk, and then
 * linked to its name, which fails if the name exists: two servers starting together agree on one key, and a
 * reader never sees a half-written key.
 */
public final class SigningKeyFile {
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeyFile.class);
    /** 256 bits: what HS256 needs (jjwt refuses shorter HMAC keys). */
    public static final int KEY_BYTES = 32;

    private SigningKeyFile() {
    }

    /** The key in the file, made first if the file does not exist. */
    public static SecretKey loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return load(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the token key " + file, e);
        }
    }

    private static SecretKey load(Path file) throws IOException {
        if (OwnerOnlyFiles.posix(file)) {
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
            if (!mode.equals("rw-------") && !mode.equals("r--------")) {
                LOG.warn("The token key {} had mode {}; narrowing it to rw-------", file, mode);
                OwnerOnlyFiles.file(file);
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        try {
            if (bytes.length != KEY_BYTES) {
                throw new IllegalStateException("the token key " + file + " has " + bytes.length + " bytes, not "
                        + KEY_BYTES + "; it is damaged (delete it to sign everyone out and make a new one)");
            }
            return new SecretKeySpec(bytes, "HmacSHA256");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static void create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(dir, ".token.key-", ".tmp", OwnerOnlyFiles.fileAttributes(dir));
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(key));
                channel.force(true);
            }
            publish(temporary, file);
            LOG.info("Made a new token signing key in {}", file);
        } finally {
            Arrays.fill(key, (byte) 0);
            Files.deleteIfExists(temporary);
        }
    }

    private static void publish(Path temporary, Path file) throws IOException {
        try {
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException raced) {
            LOG.info("Another process made the token key first; using it");
        } catch (UnsupportedOperationException | IOException noHardLinks) {
            // File systems without hard links: an atomic rename, which cannot refuse an existing name.
            if (!Files.exists(file)) {
                try {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    throw new IOException("cannot publish the token key atomically", e);
                }
            }
        }
    }
}
