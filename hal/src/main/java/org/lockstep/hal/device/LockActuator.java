package org.lockstep.hal.device;

import java.util.Objects;
import org.lockstep.hal.DigitalOutput;
import org.lockstep.hal.HardwareException;

/**
 * A lock driven through a relay. Knows the wiring (relay polarity, fail mode) so nobody else has to: callers say
 * lock or unlock, and this picks the pin level. A refused write is rethrown naming the door and the state it was
 * meant to reach; the shell turns it into a {@link DeviceSignal.DeviceFaulted}.
 *
 * <p>Drives nothing at construction: the owner decides the first state (the safe state, or the mode restored after
 * a restart).
 */
public final class LockActuator {
    private final String doorId;
    private final DigitalOutput relay;
    private final RelayWiring wiring;
    private boolean lockCommanded;

    public LockActuator(String doorId, DigitalOutput relay, RelayWiring wiring) {
        this.doorId = Objects.requireNonNull(doorId, "doorId");
        this.relay = Objects.requireNonNull(relay, "relay");
        this.wiring = Objects.requireNonNull(wiring, "wiring");
    }

    public String doorId() {
        return doorId;
    }

    public void lock() {
        drive(wiring.lockedLevel(), true, "locked");
    }

    public void unlock() {
        drive(!wiring.lockedLevel(), false, "unlocked");
    }

    /** De-energises the relay, as a power cut would: locked if the lock fails secure, unlocked if it fails safe. */
    public void driveSafeState() {
        boolean locked = wiring.failMode() == FailMode.FAIL_SECURE;
        drive(wiring.deEnergisedLevel(), locked, "de-energised (" + (locked ? "locked" : "unlocked") + ")");
    }

    /** Whether the last command that reached the relay was one that locks; false before any has. */
    public boolean lockCommanded() {
        return lockCommanded;
    }

    private void drive(boolean level, boolean locked, String target) {
        try {
            relay.drive(level);
        } catch (HardwareException e) {
            throw new HardwareException(doorId, "could not drive lock " + target + " (relay " + relay.id()
                    + " to " + (level ? "high" : "low") + "): " + e.getMessage(), e.retryable(), e);
        }
        lockCommanded = locked;
    }
}
