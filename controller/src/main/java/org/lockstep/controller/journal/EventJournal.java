package org.lockstep.controller.journal;

import java.util.List;

import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Fact;

/**
 * Where every step the core took is recorded, with its time, before any of its commands leaves the box (lock drives
 * excepted: a lockdown never waits on the disk): the input it was given and the facts it decided. A restart folds
 * the facts ({@code LockdownMachine.replay}); it never decides the inputs again, so a later edit of the site file
 * cannot change what happened.
 */
public interface EventJournal extends AutoCloseable {
    /**
     * One journaled step. {@code seq} starts at 1 and has no gaps.
     *
     * @param decided false for a record of journal format 1, which holds the input only
     */
    record Entry(long seq, long atMs, Event event, List<Fact> facts, boolean decided) {
        public Entry {
            facts = List.copyOf(facts);
        }
    }

    void append(long atMs, Event input, List<Fact> facts);


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
