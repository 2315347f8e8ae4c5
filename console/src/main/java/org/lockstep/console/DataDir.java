package org.lockstep.console;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.lockstep.controller.files.DurableFile;

/**
 * The console's own directory ({@code lockstep console --data DIR}): what it remembers across a restart. The directory
 * is made 0700 if absent and refused if another user owns it or group or others can write it (they could replace
 * what the console reads back); each file in it is the console user's alone (mode 600, refused otherwise), a regular
 * file (never a link), and replaced whole through {@link DurableFile}.
 */
public final class DataDir {
    private static final Set<PosixFilePermission> WRITE_BY_OTHERS = EnumSet.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
    static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"));

    /** The directory or a file in it cannot be used: the message names the path and the fix. */
    public static final class Unusable extends Exception {
        Unusable(String message) {
            super(message);
        }
    }

    /** Held while a console keeps its data here: two consoles writing one drill log would interleave it. */
    static final String LOCK = ".lock";

    private final Path dir;
    private FileChannel lock;

    private DataDir(Path dir) {
        this.dir = dir;
    }

    /** Opens {@code dir}, making it (0700, with its parents) if absent. */
    static DataDir open(Path dir) throws Unusable {
        try {
            if (!Files.exists(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                        "rwx------")));
            }
            if (!Files.isDirectory(dir)) {
                throw new Unusable("--data " + dir + " is not a directory; give a directory for the console's data");
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
            if (perms.stream().anyMatch(WRITE_BY_OTHERS::contains)) {
                throw new Unusable("--data " + dir + " can be written by others (" + PosixFilePermissions.toString(
                        perms) + "), who could change what the console reads back; refused: chmod 700 " + dir);
            }
            Optional<UserPrincipal> me = currentUser(dir);
            UserPrincipal owner = Files.getOwner(dir);
            if (me.isPresent() && !me.get().equals(owner)) {
                throw new Unusable("--data " + dir + " belongs to " + owner.getName() + ", not to " + me.get().getName()
                        + " who runs the console; refused: chown " + me.get().getName() + " " + dir);
            }
            return new DataDir(dir);
        } catch (IOException | UnsupportedOperationException e) {
            throw new Unusable("--data " + dir + ": cannot use it: " + e.getMessage());
        }
    }

    private static Optional<UserPrincipal> currentUser(Path dir) {
        try {
            return Optional.of(dir.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a user without a name (a container): the permission check still holds
        }
    }

    Path path() {
        return dir;
    }

    /** Takes the directory for this console (until {@link #unlock}); refused if another console has it. */
    synchronized void lock() throws Unusable {
        Path f = file(LOCK);
        try {
            FileChannel ch = Files.exists(f, LinkOption.NOFOLLOW_LINKS)
                    ? FileChannel.open(f, Set.of(StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS))
                    : FileChannel.open(f, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            LinkOption.NOFOLLOW_LINKS), OWNER_ONLY);
            java.nio.channels.FileLock l;
            try {
                l = ch.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                l = null; // this process has it already
            }
            if (l == null) {
                ch.close();
                throw new Unusable("--data " + dir + " is in use by another console (one console per data"
                        + " directory): stop that one, or give this one a directory of its own");
            }
            lock = ch;
        } catch (IOException e) {
            throw new Unusable("--data " + dir + ": cannot lock " + f + ": " + e.getMessage());
        }
    }

    /** Lets another console have the directory. */
    synchronized void unlock() {
        if (lock != null) {
            try {
                lock.close(); // releases the lock
            } catch (IOException e) {
                // the process ends soon, which releases it too
            }
            lock = null;
        }
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    /**
     * The bytes of {@code name} (at most the last {@code maxBytes} of it; {@code truncated} says if some were left
     * out), or empty if it does not exist.
     */
    Optional<Read> read(String name, int maxBytes) throws Unusable {
        Path f = file(name);
        try {
            if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            check(f);
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                long size = ch.size();
                long from = Math.max(0, size - maxBytes);
                ByteBuffer buf = ByteBuffer.allocate((int) (size - from));
                ch.position(from);
                while (buf.hasRemaining() && ch.read(buf) >= 0) {
                    // read to the end
                }
                buf.flip();
                byte[] bytes = new byte[buf.remaining()];
                buf.get(bytes);
                return Optional.of(new Read(bytes, from > 0));
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new Unusable(f + ": cannot read: " + e.getMessage());
        }
    }

    /** What {@link #read} found; {@code truncated}: the file was larger and only its end was read. */
    record Read(byte[] bytes, boolean truncated) {}

    /** A file the console reads back must be a regular file (not a link) that only its user can read or write. */
    void check(Path f) throws Unusable {
        try {
            if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                throw new Unusable(f + " is not a regular file (a link or a directory); refused: remove it");
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f, LinkOption.NOFOLLOW_LINKS);
            if (perms.stream().anyMatch(OTHERS::contains)) {
                throw new Unusable(f + " is readable or writable by others (" + PosixFilePermissions.toString(perms)
                        + "); refused: chmod 600 " + f);
            }
        } catch (IOException e) {
            throw new Unusable(f + ": cannot check it: " + e.getMessage());
        }
    }

    /** Replaces {@code name} with {@code bytes} whole and for good, mode 600 ({@link DurableFile}). */
    void replace(String name, byte[] bytes) throws IOException {
        DurableFile.replace(file(name), bytes);
    }

    /** Appends {@code bytes} to {@code name} (made mode 600 if absent) and fsyncs it. */
    void append(String name, byte[] bytes) throws IOException {
        Path f = file(name);
        boolean made = !Files.exists(f, LinkOption.NOFOLLOW_LINKS);
        try (FileChannel ch = made
                ? FileChannel.open(f, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.APPEND), OWNER_ONLY)
                : FileChannel.open(f, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        if (made) {
            syncDirectory(); // the new name itself must survive a power cut
        }
    }

    long size(String name) {
        try {
            return Files.size(file(name));
        } catch (IOException e) {
            return 0;
        }
    }

    private void syncDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
