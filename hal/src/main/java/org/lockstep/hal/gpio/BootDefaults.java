package org.lockstep.hal.gpio;

import org.lockstep.hal.Pull;

/**
 * What each header pin is between power-on and the moment something configures it: an input with the SoC's default
 * pull (BCM 0..8 pulled up, 9..27 pulled down, on the Pi 4's BCM2711 and the Pi 5's RP1 alike). The pull is weak
 * (~50 kOhm), but a transistor-driven relay input or an opto-isolated one can be enough to half-energise a relay.
 * {@code config.txt} {@code gpio=} lines replace this a few seconds after power-on; the JVM, much later.
 */
public final class BootDefaults {
    /** The highest BCM number that boots pulled up. */
    public static final int LAST_PULLED_UP_BCM = 8;

    private BootDefaults() {}

    public static Pull bootPull(Board board, int bcm) {
        if (!board.isValidBcm(bcm)) {
            throw new IllegalArgumentException("BCM " + bcm + " is not a header pin on " + board + " ("
                    + board.minBcm() + ".." + board.maxBcm() + ")");
        }
        return bcm <= LAST_PULLED_UP_BCM ? Pull.UP : Pull.DOWN;
    }

    /** The level the pin sits at during boot, if nothing else drives it. */
    public static boolean bootLevel(Board board, int bcm) {
        return bootPull(board, bcm) == Pull.UP;
    }
}
