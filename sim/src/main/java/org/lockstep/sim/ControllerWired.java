package org.lockstep.sim;

/** A simulated device wired to one controller, whose ports die with that controller's power. */
interface ControllerWired {
    String controllerId();

    /** The controller lost power: its ports stop working, its relays drop out. Idempotent. */
    void powerCut();

    /** Power is back: fresh ports for the restarted controller. Idempotent. */
    void powerRestore();
}
