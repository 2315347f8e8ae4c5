package org.lockstep.hal.gpio;

/** The boards Lockstep runs on. Both expose BCM 0..27 on the 40-pin header. */
public enum Board {
    PI4,
    PI5;

    public int minBcm() {
        return 0;
    }

    public int maxBcm() {
        return 27;
    }

    public boolean isValidBcm(int bcm) {
        return bcm >= minBcm() && bcm <= maxBcm();
    }
}
