package org.lockstep.controller.journal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How the journal writes files: real files on a controller, or a test's storage that fails like a full disk. Only the
 * writes go through here; reading is plain {@link java.nio.file.Files}.
 */
public interface JournalStorage {
    /** Creates a new, empty segment file (fails if it exists). */
    SegmentChannel create(Path file) throws IOException;

    /** Opens an existing segment for appending at its end (and, at open, to cut a torn tail). */
    SegmentChannel openAppend(Path file) throws IOException;

    /** Makes a created, renamed or deleted file's directory entry durable. */
    void syncDirectory(Path dir) throws IOException;

    /** Deletes the journal's reserve file, giving its space back to the disk ({@link JournalReserve}). */
    default void release(Path reserve) throws IOException {
        java.nio.file.Files.deleteIfExists(reserve);
        syncDirectory(reserve.getParent());
    }

    /** An open segment file. */
    interface SegmentChannel extends Closeable {
        /** Writes all of {@code bytes} at the end of the file. */
        void write(ByteBuffer bytes) throws IOException;

        /** fsync (fdatasync: data, and the size needed to read it back). */
        void force() throws IOException;

        long size() throws IOException;

        void truncate(long size) throws IOException;
    }

    JournalStorage FILES = new JournalStorage() {
        @Override
        public SegmentChannel create(Path file) throws IOException {
            return new FileSegmentChannel(FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE));
        }

        @Override
        public SegmentChannel openAppend(Path file) throws IOException {
            return new FileSegmentChannel(FileChannel.open(file, StandardOpenOption.WRITE));
        }

        @Override
        public void syncDirectory(Path dir) throws IOException {
            // Linux allows fsync on a directory opened read-only; elsewhere this may fail harmlessly.
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException e) {
                if (System.getProperty("os.name", "").toLowerCase().contains("linux")) {
                    throw e;
                }
            }
        }
    };

    /** A segment over a {@link FileChannel}, always writing at the end. */
    final class FileSegmentChannel implements SegmentChannel {
        private final FileChannel channel;

        FileSegmentChannel(FileChannel channel) throws IOException {
            this.channel = channel;
            channel.position(channel.size());
        }

        @Override
        public void write(ByteBuffer bytes) throws IOException {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }

        @Override
        public void force() throws IOException {
            channel.force(false);
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public void truncate(long size) throws IOException {
            channel.truncate(size);
            channel.position(size);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
