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

    /** Everything recorded so far, oldest first. */
    List<Entry> readAll();

    @Override
    default void close() {}
}
