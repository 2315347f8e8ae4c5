package org.lockstep.hal;

/**
 * One digital output pin (a relay coil driver). Levels are electrical: {@code true} is high. What high means for
 * a lock is the wiring's business, decided in the device layer's {@code LockActuator}.
 */
public interface DigitalOutput extends AutoCloseable {
    String id();

    /**
     * Drives the pin. Idempotent: writing the level the pin already has does nothing.
     *
     * @throws HardwareException if the hardware refused the write
     */
    void drive(boolean high);

    /** The level last written successfully. */
    boolean isHigh();

    /** Drives the shutdown level (if one was configured) and releases the pin. Idempotent. */
    @Override
    void close();
}
