package org.lockstep.hal.pi4j;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

import org.lockstep.hal.DigitalInput;
import org.lockstep.hal.DigitalOutput;
import org.lockstep.hal.InputWiring;
import org.lockstep.hal.MonotonicClock;
import org.lockstep.hal.PortFactory;
import org.lockstep.hal.SerialLink;
import org.lockstep.hal.SerialSettings;
import org.lockstep.hal.serial.Backoff;
import org.lockstep.hal.serial.JSerialCommLink;
import org.lockstep.hal.serial.SupervisedSerialLink;

/**
 * The real board's ports: GPIO through Pi4J, serial through jSerialComm. Serial links reopen themselves on the
 * given scheduler's thread, so the event loop never blocks on a port.
 */
public final class Pi4jPorts implements PortFactory {
    private final Pi4jGpio gpio;
    private final MonotonicClock clock;
    private final ScheduledExecutorService serialSupervisor;

    public Pi4jPorts(Pi4jGpio gpio, MonotonicClock clock, ScheduledExecutorService serialSupervisor) {
        this.gpio = Objects.requireNonNull(gpio, "gpio");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.serialSupervisor = Objects.requireNonNull(serialSupervisor, "serialSupervisor");
    }

    @Override
    public DigitalOutput output(String id, int pin, boolean initialHigh, Boolean shutdownHigh) {
        return gpio.output(id, pin, initialHigh, shutdownHigh);
    }

    @Override
    public DigitalInput input(String id, InputWiring wiring) {
        return gpio.input(id, wiring, clock);
    }

    @Override
    public SerialLink serial(String id, SerialSettings settings) {
        return serial(id, settings, 0);
    }

    /** Reopened on disconnect events, and after {@code silenceReopenMs} without a byte (a port deaf after a replug). */
    @Override
    public SerialLink serial(String id, SerialSettings settings, long silenceReopenMs) {
        return new SupervisedSerialLink(new JSerialCommLink(id, settings, clock), Backoff.DEFAULT, silenceReopenMs,
                serialSupervisor, clock);
    }
}
