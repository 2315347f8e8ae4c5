package org.lockstep.hal.device;

import java.util.OptionalLong;

/** A debounce filter over one input's "active" level: edges and time in, debounced changes out (to its listener). */
interface LevelFilter {
    /** Told of every debounced change. */
    interface Listener {
        void changed(boolean active, long atMs);
    }

    void start(boolean active, long nowMs);

    void onLevel(boolean active, long atMs);

    void poll(long nowMs);

    OptionalLong nextDeadlineMs();

    /** The debounced state last reported. */
    boolean active();
}
