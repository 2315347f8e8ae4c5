package org.lockstep.hal.device;

/** What a lock does when its power is cut: the wiring decides, the firmware only needs to know which. */
public enum FailMode {
    /** Unlocked when unpowered (maglocks, most fail-safe strikes): energise the relay to lock. */
    FAIL_SAFE,
    /** Locked when unpowered (fail-secure strikes, most motorised locks): energise the relay to unlock. */
    FAIL_SECURE;

    /** Whether the relay must be energised for the lock to be locked. */
    public boolean energiseToLock() {
        return this == FAIL_SAFE;
    }
}
