package org.lockstep.controller.journal;

import java.util.Objects;

import org.lockstep.controller.core.Event;

/**
 * One record of a file journal: the event, the core's monotonic time it was applied at, and the wall-clock time the
 * shell wrote it (for reports; the core never sees wall time).
 */
public record JournalRecord(long seq, long atMs, long wallMs, Event event) {
    public JournalRecord {
        Objects.requireNonNull(event, "event");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be at least 1, was " + seq);
        }
    }

    public EventJournal.Entry entry() {
        return new EventJournal.Entry(seq, atMs, event);
    }
}
