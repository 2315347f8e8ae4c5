package org.lockstep.simulator;

/**
 * Implemented by the simulator: carries out a {@link SimCommand} on the simulated building. Called on the sim control's
 * own thread (never Paho's), one command at a time, in arrival order; hand the command to the simulation's
 * own step thread rather than mutating the building from here. An unknown id should be reported by throwing
 * {@link IllegalArgumentException}: the message is published on {@code sim/rejected}.
 */
@FunctionalInterface
public interface SimControlListener {
    void onSimCommand(SimCommand command);
}
