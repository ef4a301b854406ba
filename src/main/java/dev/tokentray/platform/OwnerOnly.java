package dev.tokentray.platform;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folders and files only their owner can read: 0700 and 0600 where the file system has POSIX
 * permissions. On Windows the per-user folders the app writes in are private already.
 */
public final class OwnerOnly {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnly.class);
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {}

    /** Creates the folder and any missing parents, the new ones owner-only; returns it. */
    public static Path directories(Path directory) throws IOException {
        Path parent = directory.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            directories(parent);
        }
        try {
            Files.createDirectory(directory, attributes(directory, DIRECTORY));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(directory)) {
                throw e;
            }
        }
        return directory;
    }

    /**
     * Makes an existing folder of {@code user}'s owner-only, where the file system has owners.
     *
     * @throws FolderOfAnotherUserException when it belongs to another user
     */
    static void claim(Path directory, String user) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(directory, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        PosixFileAttributes attributes = view.readAttributes();
        UserPrincipal me = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
        if (!attributes.owner().equals(me)) {
            throw new FolderOfAnotherUserException(directory, attributes.owner().getName(), user);
        }
        if (!attributes.permissions().equals(DIRECTORY)) {
            view.setPermissions(DIRECTORY);
            LOG.info("Made {} owner-only; it was {}", directory, PosixFilePermissions.toString(attributes.permissions()));
        }
    }

    /** Creates the file empty and owner-only when it does not exist; returns it. */
    public static Path file(Path file) throws IOException {
        try {
            Files.createFile(file, attributes(file, FILE));
        } catch (FileAlreadyExistsException e) {
            // kept as it is: it was created owner-only by an earlier run
        }
        return file;
    }

    /** Replaces the file's content as a whole: readers see the old content or the new, never half. */
    public static void write(Path file, byte[] content) throws IOException {
        directories(file.toAbsolutePath().getParent());
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".tmp-", "", attributes(file, FILE));
        try {
            Files.write(temporary, content);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static FileAttribute<?>[] attributes(Path path, Set<PosixFilePermission> permissions) {
        boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
    }
}
