package org.lockstep.hal;

/** Makes the ports a controller's wiring asks for: Pi4J and jSerialComm on a board, the simulated building elsewhere. */
public interface PortFactory {
    /**
     * @param initialHigh the level written as the pin is claimed (the relay's safe, de-energised level)
     * @param shutdownHigh the level left on the pin on an orderly shutdown, or {@code null} to leave it as it is
     */
    DigitalOutput output(String id, int pin, boolean initialHigh, Boolean shutdownHigh);

    DigitalInput input(String id, InputWiring wiring);

    SerialLink serial(String id, SerialSettings settings);

    /**
     * A serial link that is also closed and reopened after {@code silenceReopenMs} without a byte (0: on disconnect
     * events only). For a device that sends heartbeats: a USB serial port reopened after a replug can stay deaf
     * (jSerialComm on Linux, measured on ptys), and only a reopen brings it back. Ports without that failure (the
     * simulated building) ignore it.
     */
    default SerialLink serial(String id, SerialSettings settings, long silenceReopenMs) {
        return serial(id, settings);
    }
}
