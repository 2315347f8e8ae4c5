package org.lockstep.controller.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Replaces a file whole, for good, and for its owner alone. The bytes go to a temporary file in the same directory,
 * made mode 600 as it is created (never readable by others, not even for the first byte); the file is fsynced, renamed
 * over the target (rename(2) is atomic within a directory, so a reader sees the old file or the new one), and then the
 * directory is fsynced: without that, the rename itself can be lost in a power cut and the old file come back (an
 * operator just added is gone; a responder link just revoked works again). On any failure the temporary file is
 * removed and the old file is left as it was.
 *
 * <p>Every file written this way is mode 600: each one is a secret or state a stranger must not change; a file meant
 * for others to read is not written through here.
 */
public final class DurableFile {
    static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"));
    private static final DurableFile ON_DISK = new DurableFile(Fsync.DISK);
    private static final SecureRandom NAMES = new SecureRandom();

    private final Fsync fsync;

    /** A writer asking {@code fsync} to keep what it writes (tests pass one that records; the product uses the disk). */
    DurableFile(Fsync fsync) {
        this.fsync = fsync;
    }

    /** Replaces {@code target} with {@code bytes} on the disk, as the class says; creates it if absent. */
    public static void replace(Path target, byte[] bytes) throws IOException {
        ON_DISK.write(target, bytes);
    }

    void write(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        // A name of its own per write (two writers never share one); the dot keeps it out of a casual listing.
        Path tmp = dir.resolve("." + target.getFileName() + "." + HexFormat.of().formatHex(randomBytes()) + ".tmp");
        try {
            // CREATE_NEW with the mode: the file is born 600 (O_CREAT|O_EXCL), never chmod-ed after bytes are in it.
            try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), OWNER_ONLY)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                fsync.file(tmp, ch);
            }
            // No fallback to a plain move: in one directory rename is atomic, and a file system that says it is not
            // should fail the write loudly rather than quietly give up "old or new, never a mix".
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException left) {
                e.addSuppressed(left); // the write's own failure is the one to report
            }
            throw e;
        }
        fsync.directory(dir);
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        NAMES.nextBytes(b);
        return b;
    }
}
