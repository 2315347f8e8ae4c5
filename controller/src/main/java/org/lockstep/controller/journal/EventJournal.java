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

    /**
     * How many appends this journal has taken: each append's ticket is the count just after it. A journal that writes
     * on the caller's thread (and fsyncs a mode change before {@link #append} returns) takes no tickets: 0.
     */
    default long taken() {
        return 0;
    }

    /**
     * Every append up to this ticket is settled: on disk where it had to be ({@code FileJournal.needsSync}), or failed
     * (then counted in {@link #writeFailures()}). The loop publishes what followed a mode change only once its ticket is
     * settled. {@link Long#MAX_VALUE} for a journal that settles each append before it returns.
     */
    default long settled() {
        return Long.MAX_VALUE;
    }

    /** The core time of the oldest append not yet settled (the watchdog's input); empty if none waits. */
    default java.util.OptionalLong oldestUnsettledAtMs() {
        return java.util.OptionalLong.empty();
    }

    /** Appends that failed after {@link #append} returned (a writer thread's failures); 0 for a synchronous journal. */
    default long writeFailures() {
        return 0;
    }

    /** The last of {@link #writeFailures()} in words. */
    default String lastWriteFailure() {
        return "";
    }

    /** Whether the last append the writer settled was written (after failures: the journal works again). */
    default boolean lastWriteOk() {
        return true;
    }

    /** Called by a journal's writer thread after it settled appends (wakes the loop). Set once, before appends. */
    default void onSettled(Runnable wake) {}

    /** Problems found when the journal was opened (cut tails, skipped corruption), each in words; empty if none. */
    default List<String> openProblems() {
        return List.of();
    }

    @Override
    default void close() {}
}
