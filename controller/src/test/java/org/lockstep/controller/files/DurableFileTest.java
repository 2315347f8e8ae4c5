package org.lockstep.controller.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFileTest {
    @TempDir
    Path dir;

    /** Records each fsync with what the directory looked like at that moment; fails the file fsync if told to. */
    private static final class SeenFsync implements Fsync {
        final List<String> seen = new ArrayList<>();
        final Path target;
        IOException failFileSync;

        SeenFsync(Path target) {
            this.target = target;
        }

        @Override
        public void file(Path file, FileChannel channel) throws IOException {
            seen.add("file " + text(file) + " mode " + mode(file) + "; target " + text(target) + "; names " + names(
                    target.getParent()));
            if (failFileSync != null) {
                throw failFileSync;
            }
        }

        @Override
        public void directory(Path d) throws IOException {
            seen.add("directory " + d.getFileName() + "; target " + text(target) + "; names " + names(d));
        }
    }

    @Test
    void theFileIsKeptBeforeTheRenameAndTheDirectoryAfterItSoThePowerCutFindsOldOrNewNeverAMix() throws IOException {
        Path target = dir.resolve("responders");
        Files.writeString(target, "old");
        SeenFsync fsync = new SeenFsync(target);

        new DurableFile(fsync).write(target, bytes("new"));

        assertEquals(List.of(
                "file new mode rw-------; target old; names [responders]",
                "directory " + dir.getFileName() + "; target new; names [responders]"), fsync.seen);
        assertEquals("new", text(target));
    }

    @Test
    void aNewFileIsMadeAndItsNameKeptToo() throws IOException {
        Path target = dir.resolve("operator-ada.json");
        SeenFsync fsync = new SeenFsync(target);

        new DurableFile(fsync).write(target, bytes("{}"));

        assertEquals(List.of(
                "file {} mode rw-------; target (absent); names []",
                "directory " + dir.getFileName() + "; target {}; names [operator-ada.json]"), fsync.seen);
    }

    @Test
    void theNewFileIsTheOwnersAloneEvenWhereTheOldOneWasReadableByAll() throws IOException {
        Path target = dir.resolve("drills");
        Files.writeString(target, "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw-rw-"));

        new DurableFile(new SeenFsync(target)).write(target, bytes("new"));

        assertEquals("rw-------", mode(target));
    }

    @Test
    void aWriteThatFailsLeavesTheOldFileWholeAndNoTemporaryFileBehind() throws IOException {
        Path target = dir.resolve("responders");
        Files.writeString(target, "old");
        SeenFsync fsync = new SeenFsync(target);
        fsync.failFileSync = new IOException("Input/output error");

        IOException e = assertThrows(IOException.class, () -> new DurableFile(fsync).write(target, bytes("new")));

        assertEquals("Input/output error", e.getMessage());
        assertEquals("old", text(target));
        assertEquals(List.of("responders"), allNames(dir));
    }

    @Test
    void aRenameThatFailsLeavesNoTemporaryFileBehind() throws IOException {
        Path target = dir.resolve("busy");
        Files.createDirectories(target.resolve("inside")); // a non-empty directory cannot be renamed over

        assertThrows(IOException.class, () -> new DurableFile(new SeenFsync(target)).write(target, bytes("new")));

        assertEquals(List.of("busy"), allNames(dir));
    }

    @Test
    void onTheRealDiskTheFileIsReplaced() throws IOException {
        Path target = dir.resolve("state");
        Files.writeString(target, "old");

        DurableFile.replace(target, bytes("new"));

        assertArrayEquals(bytes("new"), Files.readAllBytes(target));
        assertEquals(List.of("state"), allNames(dir));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f) : "(absent)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static String mode(Path f) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** What a reader listing the directory sees: the temporary file starts with a dot and is left out. */
    private static List<String> names(Path d) {
        return allNames(d).stream().filter(n -> !n.startsWith(".")).toList();
    }

    private static List<String> allNames(Path d) {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
