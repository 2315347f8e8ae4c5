package org.lockstep.hal;

/**
 * One digital input pin (a reed switch, a bolt monitor, a button, a dry contact). Levels are electrical: what high
 * means (door open? button pressed?) is decided by the device driver reading it.
 */
public interface DigitalInput extends AutoCloseable {
    String id();

    /** The level now, as the hardware reports it. */
    boolean isHigh();

    /**
     * Sets the one listener told about every level change, on whatever thread the hardware uses. The listener must
     * only hand the edge on (enqueue) and return: it must never block, and it must never touch controller state.
     */
    void setListener(EdgeListener listener);

    @Override
    void close();

    /** A level change, stamped as close to the hardware as the implementation can. */
    @FunctionalInterface
    interface EdgeListener {
        void onEdge(String inputId, boolean high, long atMs);
    }
}
