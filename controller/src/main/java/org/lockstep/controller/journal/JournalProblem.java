package org.lockstep.controller.journal;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Something wrong found in a journal file, with where and why. Never silently accepted: every one is logged, and a
 * controller raises it as a {@code journal} device fault.
 *
 * @param offset where the bad bytes start
 * @param length how many bytes were skipped or cut
 */
public record JournalProblem(Kind kind, Path file, long offset, long length, String reason) {
    public enum Kind {
        /** The end of the newest segment is not a whole record: a write torn by a power cut or crash. Cut on open. */
        TORN_TAIL,
        /** Bad bytes between good records: skipped up to the next good record; the records in them are lost. */
        CORRUPT_MIDDLE,
        /** The end of a sealed (older) segment is bad: it was fsynced whole, so this is damage, not a torn write. */
        CORRUPT_TAIL,
        /** The segment's header is unreadable: the whole segment is skipped (and set aside on open). */
        BAD_HEADER,
        /** Records are missing between segments (a segment lost or set aside). */
        SEQUENCE_GAP
    }

    public JournalProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case TORN_TAIL -> file + " at offset " + offset + ": torn tail of " + length + " bytes: " + reason;
            case CORRUPT_MIDDLE -> file + " at offset " + offset + ": " + length + " corrupt bytes skipped: " + reason;
            case CORRUPT_TAIL -> file + " at offset " + offset + ": corrupt tail of " + length + " bytes in a sealed"
                    + " segment: " + reason;
            case BAD_HEADER -> file + ": unreadable segment header: " + reason;
            case SEQUENCE_GAP -> file + ": " + reason;
        };
    }
}
