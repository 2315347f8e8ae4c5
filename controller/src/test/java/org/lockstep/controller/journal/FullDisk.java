package org.lockstep.controller.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Real files, but a disk that fills: a write past the space left writes what fits and then fails like Linux does
 * ({@code ENOSPC}), leaving a half record behind — the worst case the journal must clean up.
 */
final class FullDisk implements JournalStorage {
    volatile long bytesLeft;
    volatile boolean fsyncFails;

    FullDisk(long bytesLeft) {
        this.bytesLeft = bytesLeft;
    }

    @Override
    public SegmentChannel create(Path file) throws IOException {
        return wrap(JournalStorage.FILES.create(file));
    }

    @Override
    public SegmentChannel openAppend(Path file) throws IOException {
        return wrap(JournalStorage.FILES.openAppend(file));
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        JournalStorage.FILES.syncDirectory(dir);
    }

    /** Deleting the reserve gives its space back, as on a real disk. */
    @Override
    public void release(Path reserve) throws IOException {
        long size = java.nio.file.Files.size(reserve);
        JournalStorage.FILES.release(reserve);
        bytesLeft += size;
    }

    private SegmentChannel wrap(SegmentChannel ch) {
        return new SegmentChannel() {
            @Override
            public void write(ByteBuffer bytes) throws IOException {
                if (bytes.remaining() > bytesLeft) {
                    ByteBuffer part = bytes.slice(bytes.position(), (int) bytesLeft);
                    ch.write(part);
                    bytesLeft = 0;
                    throw new IOException("No space left on device");
                }
                bytesLeft -= bytes.remaining();
                ch.write(bytes);
            }

            @Override
            public void force() throws IOException {
                if (fsyncFails) {
                    throw new IOException("Input/output error");
                }
                ch.force();
            }

            @Override
            public long size() throws IOException {
                return ch.size();
            }

            @Override
            public void truncate(long size) throws IOException {
                ch.truncate(size);
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }
}
