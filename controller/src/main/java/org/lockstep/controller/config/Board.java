package org.lockstep.controller.config;

/** The controller's board; it decides which GPIO numbers exist. */
public enum Board {
    PI4,
    PI5;

    /** The highest BCM GPIO on the 40-pin header (both boards expose GPIO 0..27 there). */
    public int maxGpio() {
        return switch (this) {
            case PI4, PI5 -> 27;
        };
    }
}
