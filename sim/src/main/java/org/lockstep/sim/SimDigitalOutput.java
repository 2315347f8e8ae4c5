package org.lockstep.sim;

import java.util.Objects;
import java.util.function.Consumer;
import org.lockstep.hal.DigitalOutputBase;

/**
 * An output pin whose writes go to the simulated physics (a relay coil). All the port behaviour (change-only writes,
 * close, shutdown level) is {@link DigitalOutputBase}'s, so the sim exercises the same code as a board. The pin
 * consumer may throw {@link org.lockstep.hal.HardwareException} to simulate a refused write.
 *
 * <p>A retired output (its controller lost power) no longer reaches the physics; it is closed, so a dead
 * controller's later writes fail as writes after close do.
 */
public final class SimDigitalOutput extends DigitalOutputBase {
    private final Consumer<Boolean> pin;
    private boolean retired;

    /**
     * @param shutdownHigh the level written on {@link #close()}, or {@code null} for none
     * @param pin receives every level written
     */
    public SimDigitalOutput(String id, Boolean shutdownHigh, Consumer<Boolean> pin) {
        super(id, shutdownHigh);
        this.pin = Objects.requireNonNull(pin, "pin");
    }

    @Override
    protected void writeLevel(boolean high) {
        if (!retired) {
            pin.accept(high);
        }
    }

    /** Cuts this port off from the physics (power lost) and closes it without writing anything. */
    void retire() {
        retired = true;
        close();
    }
}
