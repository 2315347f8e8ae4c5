package org.lockstep.controller.journal;

import java.util.List;
import java.util.Objects;

import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Fact;

/**
 * One record of a file journal: the input the core was given, the facts it decided, the core's monotonic time it was
 * applied at, and the wall-clock time the shell wrote it (for reports; the core never sees wall time).
 *
 * @param decided whether the record carries the decided facts (format 2). A format-1 record holds only the input:
 *     a restart decides it once more (see docs/JOURNAL.md, "Upgrading from format 1")
 */
public record JournalRecord(long seq, long atMs, long wallMs, Event event, List<Fact> facts, boolean decided) {
    public JournalRecord {
        Objects.requireNonNull(event, "event");
        facts = List.copyOf(facts);
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be at least 1, was " + seq);
        }
    }

    /** A format-1 record: the input only. */
    public JournalRecord(long seq, long atMs, long wallMs, Event event) {
        this(seq, atMs, wallMs, event, List.of(), false);
    }

    public EventJournal.Entry entry() {
        return new EventJournal.Entry(seq, atMs, event, facts, decided);
    }
}
