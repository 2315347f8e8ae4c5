package org.lockstep.controller.journal;

import java.util.List;

import org.lockstep.controller.core.Event;

/**
 * Where every event the core applied is recorded, with its time, before any of its commands leaves the box (lock
 * drives excepted: a lockdown never waits on the disk). Replaying the records through the same core rebuilds the
 * state: that is how a controller comes back in the mode it was in.
 */
public interface EventJournal extends AutoCloseable {
    /** One applied event. {@code seq} starts at 1 and has no gaps. */
    record Entry(long seq, long atMs, Event event) {}

    void append(long atMs, Event event);

    /**
     * Appends, saying whether the record must be on disk before this returns ({@code durable}: the event changed what
     * a restart comes back to) or may wait for the journal's own bound. The loop decides (it sees the state before and
     * after); a journal that makes no such difference just appends.
     */
    default void append(long atMs, Event event, boolean durable) {
        append(atMs, event);
    }

    /** Everything a restart replays, oldest first. */
    List<Entry> readAll();

    /**
     * Told after every append whether the state is now quiescent (all zones NORMAL, no fire alarm): a journal may
     * drop history before such a point without changing the mode a restart comes back in.
     */
    default void quiescent(boolean quiescent) {}

    /** Problems found when the journal was opened (cut tails, skipped corruption), each in words; empty if none. */
    default List<String> openProblems() {
        return List.of();
    }

    @Override
    default void close() {}
}
