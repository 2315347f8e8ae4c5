package org.lockstep.controller.commission;

/** Why commissioning did not start, or stopped: a zone not NORMAL, a fire alarm, a refused test lock. */
public final class Refused extends Exception {
    public Refused(String message) {
        super(message);
    }
}
