package org.lockstep.controller.journal;

/**
 * An operating error of the journal (disk full, I/O error, unreadable directory). The event loop catches it, counts
 * it and raises a fault: a journal that cannot write must never stop or delay the locks.
 */
public final class JournalException extends RuntimeException {
    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }

    public JournalException(String message) {
        super(message);
    }
}
