package org.lockstep.hal.device;

import java.util.function.Consumer;

import org.lockstep.hal.InputWiring;

/**
 * A door's position switch (a reed switch), reported as {@link DeviceSignal.ContactChanged}. Leading-edge
 * debounced: an opening is reported on its first edge, and the bounce that follows is swallowed.
 */
public final class DoorContact extends FilteredInput {
    public DoorContact(String doorId, InputWiring wiring, Consumer<DeviceSignal> sink) {
        super(doorId, wiring, sink, DeviceSignal.ContactChanged::new, LeadingEdgeFilter::new);
    }

    /** The debounced position last reported. */
    public boolean isOpen() {
        return active();
    }
}
