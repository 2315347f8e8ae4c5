package org.lockstep.sim;

import org.lockstep.hal.DigitalInputBase;
import org.lockstep.hal.MonotonicClock;

/**
 * An input pin whose level the simulation sets. Edges reach the listener synchronously, stamped with the virtual
 * clock, through {@link DigitalInputBase} (so repeats are dropped exactly as on a board). Once closed (by its owner,
 * or because its controller lost power) it delivers nothing, but still reads the level.
 */
public final class SimDigitalInput extends DigitalInputBase {
    private boolean level;

    public SimDigitalInput(String id, MonotonicClock clock, boolean initialLevel) {
        super(id, clock);
        this.level = initialLevel;
    }

    /** Sets the electrical level; a change is an edge. */
    public void setLevel(boolean high) {
        if (high == level) {
            return;
        }
        level = high;
        levelChanged(high);
    }

    @Override
    protected boolean readLevel() {
        return level;
    }
}
