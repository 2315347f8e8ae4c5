package org.lockstep.hal;

/** The input pin's bias resistor. */
public enum Pull {
    UP,
    DOWN,
    NONE
}
