package org.lockstep.controller.journal;

import java.util.ArrayList;
import java.util.List;

import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Fact;

/**
 * A journal that lives as long as the process (or, in the simulator, as long as the simulated controller's "disk"):
 * enough to replay after a simulated power cut. The durable file journal replaces it on a real controller.
 */
public final class MemoryJournal implements EventJournal {
    /** A bound so a long simulation cannot eat the heap; past it the oldest entries are dropped and counted. */
    public static final int MAX_ENTRIES = 1_000_000;

    private final List<Entry> entries = new ArrayList<>();
    private long nextSeq = 1;
    private long dropped;

    @Override
    public synchronized void append(long atMs, Event event, List<Fact> facts) {
        if (entries.size() == MAX_ENTRIES) {
            entries.removeFirst();
            dropped++;
        }
        entries.add(new Entry(nextSeq++, atMs, event, facts, true));
    }

    @Override
    public synchronized List<Entry> readAll() {
        return List.copyOf(entries);
    }

    public synchronized long dropped() {
        return dropped;
    }
}
