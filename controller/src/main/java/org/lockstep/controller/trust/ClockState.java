package org.lockstep.controller.trust;

/**
 * Whether the controller's wall clock can judge a command's {@code issuedAt}. After a power cut a Pi has no
 * real-time clock: until NTP answers, its time is whatever it saved last, possibly days old.
 */
public enum ClockState {
    SYNCHRONISED,
    /** Freshness cannot be judged: a real LOCKDOWN is still accepted on its signature; everything else is refused. */
    UNKNOWN
}
