package org.lockstep.hal.device;

/** The input pin's bias resistor. */
public enum Pull {
    UP,
    DOWN,
    NONE
}
