package org.lockstep.controller.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.tinylog.Logger;

/**
 * Space on the journal's disk held back for the records a restart depends on (issue 9 #3): a file of zeros,
 * {@value #FILE_NAME} beside the segments. When the disk is full and a mode change (or a checkpoint) cannot be written,
 * the journal deletes this file and writes the record into the space it gave back, so a full disk cannot make a
 * controller forget a lockdown. Until the reserve is held again, nothing else may use that space: door and sensor
 * records are refused (a visible journal fault) until the journal's background thread has taken the reserve back
 * (it tries every {@link #RETRY_MS} ms): the event loop never writes the reserve itself.
 *
 * <p>A write of zeros (not a sparse file) is what makes the blocks the journal's: a sparse reserve would free nothing.
 */
final class JournalReserve {
    static final String FILE_NAME = "reserve.lsr";
    /** Room for thousands of mode-change records and a few checkpoints of a large controller. */
    static final int BYTES = 1 << 20;
    static final long RETRY_MS = 1_000;
    private static final int CHUNK = 64 * 1024;

    private final Path file;
    private final String controllerId;
    private final JournalStorage storage;
    private volatile boolean held;
    private long lastTryNs;
    private boolean tried;
    private volatile String lastError = "not held yet";
    /** A full disk is said once (and again when it clears), not once a second: the log may be on the same disk. */
    private boolean failureLogged;

    JournalReserve(Path dir, String controllerId, JournalStorage storage) {
        this.file = dir.resolve(FILE_NAME);
        this.controllerId = controllerId;
        this.storage = storage;
    }

    /** Whether the reserve is on disk now (the space is there for the next mode change if the disk fills). */
    boolean held() {
        return held;
    }

    /** Why the last try to hold the reserve failed. */
    String lastError() {
        return lastError;
    }

    /** Called by the journal's background thread: takes the reserve back, trying at most every {@link #RETRY_MS}. */
    synchronized void holdIfDue() {
        if (held || (tried && System.nanoTime() - lastTryNs < TimeUnit.MILLISECONDS.toNanos(RETRY_MS))) {
            return;
        }
        hold();
    }

    /**
     * Takes the reserve if it is not held: writes {@link #BYTES} of zeros and fsyncs them. Never on the event loop
     * (the journal's opener and its background thread call it): a full disk must not cost the loop a write.
     *
     * @return whether it is held afterwards
     */
    synchronized boolean hold() {
        if (held) {
            return true;
        }
        tried = true;
        lastTryNs = System.nanoTime();
        try {
            if (Files.isRegularFile(file) && Files.size(file) == BYTES) {
                held = true;
                return true;
            }
            Files.deleteIfExists(file); // a reserve cut short by a full disk or a crash: write it whole
            try (JournalStorage.SegmentChannel ch = storage.create(file)) {
                ByteBuffer zeros = ByteBuffer.allocate(CHUNK);
                for (int written = 0; written < BYTES; written += CHUNK) {
                    zeros.clear();
                    ch.write(zeros);
                }
                ch.force();
            }
            storage.syncDirectory(file.getParent());
            held = true;
            Logger.info("journal {}: holding {} bytes in {} for mode changes if the disk fills{}", controllerId,
                    BYTES, file, failureLogged ? " (there is room again)" : "");
            failureLogged = false;
            return true;
        } catch (IOException e) {
            deleteQuietly();
            lastError = e.getMessage();
            if (!failureLogged) {
                failureLogged = true;
                Logger.error("journal {}: cannot hold the reserve for mode changes ({} bytes in {}): {}; free space "
                        + "on that disk (retried every {} ms, logged again when it works)", controllerId, BYTES, file,
                        e.getMessage(), RETRY_MS);
            }
            return false;
        }
    }

    /**
     * Gives the reserve's space back to the disk for the record that needs it.
     *
     * @return whether there was a reserve to give
     */
    boolean release() {
        if (!held) {
            return false; // checked first: never wait for a hold in progress
        }
        synchronized (this) {
            return releaseHeld();
        }
    }

    private boolean releaseHeld() {
        if (!held) {
            return false;
        }
        held = false;
        tried = false;
        try {
            storage.release(file);
            return true;
        } catch (IOException e) {
            Logger.error("journal {}: cannot delete the reserve {}: {}", controllerId, file, e.getMessage());
            return false;
        }
    }

    private void deleteQuietly() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The write failed already and is reported; a leftover partial reserve is rewritten at the next try.
        }
    }
}
