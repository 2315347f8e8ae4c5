package org.lockstep.controller.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where {@link DurableFile} asks the disk to keep what it wrote. A port so that a test can see each request, in
 * order, and what the file system looked like at that moment (a power cut cannot be staged in a unit test).
 */
public interface Fsync {
    /** Forces {@code file}'s bytes (written through {@code channel}) to the disk. */
    void file(Path file, FileChannel channel) throws IOException;

    /** Forces {@code dir}'s entries to the disk, so a rename in it survives a power cut. */
    void directory(Path dir) throws IOException;

    /** The real disk: fsync(2) on the file, then on the directory. */
    Fsync DISK = new Fsync() {
        @Override
        public void file(Path file, FileChannel channel) throws IOException {
            channel.force(true);
        }

        @Override
        public void directory(Path dir) throws IOException {
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
        }
    };
}
