package org.lockstep.hal;

/**
 * Everything about an input that does not depend on hardware: change-only edge delivery, time stamps from the
 * given clock, and an idempotent close. A board driver or the simulator calls {@link #levelChanged(boolean)} when
 * its hardware reports a level and implements {@link #readLevel()}.
 */
public abstract class DigitalInputBase implements DigitalInput {
    private final String id;
    private final MonotonicClock clock;
    private volatile EdgeListener listener = (inputId, high, atMs) -> {};
    private boolean lastHigh;
    private boolean known;
    private boolean closed;

    protected DigitalInputBase(String id, MonotonicClock clock) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        this.id = id;
        this.clock = clock;
    }

    /** Reads the level from the hardware. */
    protected abstract boolean readLevel();

    protected void release() {}

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final boolean isHigh() {
        return readLevel();
    }

    @Override
    public final void setListener(EdgeListener listener) {
        this.listener = listener == null ? (inputId, high, atMs) -> {} : listener;
    }

    /** To be called by the implementation when the hardware reports a level; repeats of the same level are dropped. */
    protected final void levelChanged(boolean high) {
        synchronized (this) {
            if (closed || (known && lastHigh == high)) {
                return;
            }
            lastHigh = high;
            known = true;
        }
        listener.onEdge(id, high, clock.nowMs());
    }

    @Override
    public final synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        release();
    }
}
