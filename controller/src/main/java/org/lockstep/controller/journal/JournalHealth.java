package org.lockstep.controller.journal;

/**
 * How a controller's journal is doing, as {@code lockstep status} shows it (published in
 * {@code controller/<id>/info}).
 *
 * @param persistent whether it writes to disk (false: a memory journal, e.g. the one {@code run} falls back to when
 *     the journal directory is unusable, or the simulator's without {@code --journal}): a restart forgets the mode
 * @param ok whether the last append worked (and, on disk, the space reserve for mode changes is held)
 * @param appendFailures appends that failed since start
 * @param openProblems problems found when the journal was opened (cut tails, skipped corruption)
 */
public record JournalHealth(boolean persistent, boolean ok, long appendFailures, int openProblems) {
    /** Bounds of what a controller may claim; a decoder refuses values outside them. */
    public static final long MAX_COUNT = 1_000_000_000_000L;

    public JournalHealth {
        if (appendFailures < 0 || appendFailures > MAX_COUNT) {
            throw new IllegalArgumentException("appendFailures must be in 0.." + MAX_COUNT + ", was " + appendFailures);
        }
        if (openProblems < 0) {
            throw new IllegalArgumentException("openProblems must be >= 0, was " + openProblems);
        }
    }
}
