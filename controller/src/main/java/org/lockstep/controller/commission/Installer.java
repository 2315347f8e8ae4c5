package org.lockstep.controller.commission;

import java.util.Objects;

/**
 * The person at the door. Commissioning tells them what to do ({@link #instruct}) and then watches the controller for
 * the result; it asks them only what no sensor can see ({@link #heard}). The console prints and reads stdin; a test
 * acts on the simulated building instead.
 */
public interface Installer {
    /** What the installer is asked to do with their hands. */
    enum Action {
        CLOSE_DOOR, OPEN_DOOR, ACTIVATE_FIRE_INPUT, RELEASE_FIRE_INPUT, UNPLUG_DETECTOR, PLUG_IN_DETECTOR,
        PRESS_PANIC_BUTTON
    }

    /** @param text what to do, in the installer's words ("open door c101 (Room 101) now") */
    record Instruction(Action action, String deviceId, String text) {
        public Instruction {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(deviceId, "deviceId");
            Objects.requireNonNull(text, "text");
        }
    }

    /** One progress line: which device, which step, what was seen. */
    void progress(String line);

    /** Asks a yes/no question about something only a person can tell (did the lock make its sound?). */
    boolean heard(String question);

    /** Tells the installer to do something; returns at once (the walkthrough then waits for the controller to see it). */
    void instruct(Instruction instruction);
}
