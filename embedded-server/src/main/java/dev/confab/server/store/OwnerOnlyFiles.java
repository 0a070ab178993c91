package dev.confab.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Creates files and directories that only their owner may read, where the file system knows POSIX permissions
 * (elsewhere the per-user data directory, e.g. under {@code %APPDATA%}, is already private to the user).
 */
public final class OwnerOnlyFiles {
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    /** True when the file system of {@code path} supports POSIX permissions. */
    public static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Creates the directory (and missing parents) {@code rwx------}; an existing one loses its group and other
     * permissions but gains none: a directory its owner made read-only stays so, and whatever writes there fails
     * with that directory's name, rather than the server quietly undoing the owner's choice.
     */
    public static Path directory(Path dir) {
        try {
            if (posix(dir)) {
                boolean existed = Files.isDirectory(dir);
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
                // createDirectories does not change an existing directory, and the umask may have narrowed the mode.
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
                Set<PosixFilePermission> wanted = existed ? narrowed(mode) : DIRECTORY;
                if (!wanted.equals(mode)) {
                    Files.setPosixFilePermissions(dir, wanted);
                }
            } else {
                Files.createDirectories(dir);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory " + dir, e);
        }
    }

    private static Set<PosixFilePermission> narrowed(Set<PosixFilePermission> mode) {
        Set<PosixFilePermission> kept = EnumSet.noneOf(PosixFilePermission.class);
        kept.addAll(mode);
        kept.retainAll(DIRECTORY);
        return kept;
    }

    /**
     * Creates an empty file with mode {@code rw-------} unless it exists; an existing file is narrowed to that
     * mode. Creating it with the mode (rather than changing it afterwards) leaves no moment it is readable.
     */
    public static Path file(Path file) {
        try {
            if (posix(file)) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
                } catch (FileAlreadyExistsException exists) {
                    // Kept as it is, only narrowed below.
                }
                Files.setPosixFilePermissions(file, FILE);
            } else if (!Files.exists(file)) {
                Files.createFile(file);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the file " + file, e);
        }
    }

    /** The attribute to create a new owner-only file with, or none where POSIX permissions are unknown. */
    public static FileAttribute<?>[] fileAttributes(Path file) {
        return posix(file)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
                : new FileAttribute<?>[0];
    }
}
