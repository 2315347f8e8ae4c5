package org.lockstep.hal.pi4j;

import com.pi4j.context.Context;
import com.pi4j.exception.Pi4JException;
import java.util.Objects;
import org.lockstep.hal.DigitalOutputBase;
import org.lockstep.hal.HardwareException;

/**
 * One output pin through Pi4J. All behaviour (cached level, change-only writes, shutdown level on close) is in
 * {@link DigitalOutputBase}; this class only writes the level and translates Pi4J's errors into a
 * {@link HardwareException} naming the pin and the level it was asked for.
 *
 * <p>The initial level is set twice on purpose: as Pi4J's {@code initial} state (written when Pi4J claims the line)
 * and again through {@link #drive(boolean)} at construction, so the cached level is the hardware's from the start.
 */
public final class Pi4jDigitalOutput extends DigitalOutputBase {
    private final int pin;
    private final com.pi4j.io.gpio.digital.DigitalOutput pi4j;
    private final Context context;

    Pi4jDigitalOutput(String id, int pin, com.pi4j.io.gpio.digital.DigitalOutput pi4j, Context context,
            boolean initialHigh, Boolean shutdownHigh) {
        super(id, shutdownHigh);
        this.pin = pin;
        this.pi4j = Objects.requireNonNull(pi4j, "pi4j");
        this.context = Objects.requireNonNull(context, "context");
        drive(initialHigh);
    }

    public int pin() {
        return pin;
    }

    @Override
    protected void writeLevel(boolean high) {
        try {
            pi4j.state(Pi4jGpio.state(high));
        } catch (Pi4JException e) {
            // A relay that cannot be driven is a fault the core must see; retrying the same write may help
            // (transient EBUSY), so the shell decides.
            throw new HardwareException(id(), "cannot drive BCM " + pin + " " + Pi4jGpio.level(high) + ": "
                    + e.getMessage(), true, e);
        }
    }

    @Override
    protected void release() {
        try {
            if (!context.isShutdown()) {
                context.shutdown(pi4j.id());
            }
        } catch (Pi4JException e) {
            throw new HardwareException(id(), "cannot release BCM " + pin + ": " + e.getMessage(), false, e);
        }
    }
}
