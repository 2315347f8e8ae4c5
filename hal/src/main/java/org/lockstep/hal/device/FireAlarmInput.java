package org.lockstep.hal.device;

import java.util.function.Consumer;

import org.lockstep.hal.InputWiring;

/**
 * The fire-alarm panel's dry contact, reported as {@link DeviceSignal.FireAlarmChanged}. Settling filter: a level
 * counts only once it has held for {@code debounceMs}, because a glitch on a long cable must neither release the
 * doors (where the site's policy releases them on fire) nor end that release.
 */
public final class FireAlarmInput extends FilteredInput {
    public FireAlarmInput(String id, InputWiring wiring, Consumer<DeviceSignal> sink) {
        super(id, wiring, sink, DeviceSignal.FireAlarmChanged::new, SettlingFilter::new);
    }

    /** The settled state last reported. */
    public boolean isActive() {
        return active();
    }
}
