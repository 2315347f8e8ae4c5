package org.lockstep.hal.pi4j;

import com.pi4j.context.Context;
import com.pi4j.exception.Pi4JException;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import java.util.Objects;
import org.lockstep.hal.DigitalInputBase;
import org.lockstep.hal.HardwareException;
import org.lockstep.hal.MonotonicClock;

/**
 * One input pin through Pi4J. The Pi4J listener runs on the provider's monitor thread; it only passes the level to
 * {@link DigitalInputBase#levelChanged(boolean)} (which drops repeats and stamps the time) and returns.
 *
 * <p>No Pi4J/gpiod debounce, deliberately: gpiod's debounce is a trailing-edge filter (it reports only after the line
 * has been quiet for the window), so a door that opens would be reported one window late, every time, and a contact
 * that keeps chattering would never be reported at all. Our contact drivers filter on the leading edge (report the
 * first edge at once, then ignore bounces for the window), which is what a forced-door alarm needs.
 */
public final class Pi4jDigitalInput extends DigitalInputBase {
    private final int pin;
    private final com.pi4j.io.gpio.digital.DigitalInput pi4j;
    private final Context context;
    private final DigitalStateChangeListener forward;

    Pi4jDigitalInput(String id, int pin, com.pi4j.io.gpio.digital.DigitalInput pi4j, Context context,
            MonotonicClock clock) {
        super(id, clock);
        this.pin = pin;
        this.pi4j = Objects.requireNonNull(pi4j, "pi4j");
        this.context = Objects.requireNonNull(context, "context");
        this.forward = event -> {
            DigitalState state = event.state();
            if (state == DigitalState.HIGH || state == DigitalState.LOW) {
                levelChanged(state == DigitalState.HIGH);
            }
        };
        pi4j.addListener(forward);
    }

    public int pin() {
        return pin;
    }

    @Override
    protected boolean readLevel() {
        try {
            return pi4j.state() == DigitalState.HIGH;
        } catch (Pi4JException e) {
            throw new HardwareException(id(), "cannot read BCM " + pin + ": " + e.getMessage(), true, e);
        }
    }

    @Override
    protected void release() {
        try {
            pi4j.removeListener(forward);
            if (!context.isShutdown()) {
                context.shutdown(pi4j.id());
            }
        } catch (Pi4JException e) {
            throw new HardwareException(id(), "cannot release BCM " + pin + ": " + e.getMessage(), false, e);
        }
    }
}
