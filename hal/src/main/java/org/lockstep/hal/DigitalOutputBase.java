package org.lockstep.hal;

/**
 * Everything about an output that does not depend on hardware: the cached level, change-only writes, the initial
 * level written at construction, the shutdown level written on close, and an idempotent close. A board driver or
 * the simulator overrides only {@link #writeLevel(boolean)}, so real and simulated outputs behave the same by
 * construction (the Pi4J {@code DigitalOutputBase} pattern).
 */
public abstract class DigitalOutputBase implements DigitalOutput {
    private final String id;
    private final Boolean shutdownHigh;
    private boolean high;
    private boolean written;
    private boolean closed;

    /**
     * @param shutdownHigh the level to leave the pin at on {@link #close()}, or {@code null} to leave it as it is
     */
    protected DigitalOutputBase(String id, Boolean shutdownHigh) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        this.id = id;
        this.shutdownHigh = shutdownHigh;
    }

    /** Writes the level to the hardware. Called only when the level changes (or on the first write). */
    protected abstract void writeLevel(boolean high);

    /** Releases the hardware pin. Called once, after the shutdown level is written. */
    protected void release() {}

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final synchronized void drive(boolean high) {
        if (closed) {
            throw new HardwareException(id, "drive(" + (high ? "high" : "low") + ") after close");
        }
        if (written && this.high == high) {
            return;
        }
        writeLevel(high);
        this.high = high;
        this.written = true;
    }

    @Override
    public final synchronized boolean isHigh() {
        return high;
    }

    @Override
    public final synchronized void close() {
        if (closed) {
            return;
        }
        try {
            if (shutdownHigh != null) {
                drive(shutdownHigh);
            }
        } finally {
            closed = true;
            release();
        }
    }

    public final synchronized boolean isClosed() {
        return closed;
    }
}
