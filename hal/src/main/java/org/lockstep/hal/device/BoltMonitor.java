package org.lockstep.hal.device;

import java.util.function.Consumer;

import org.lockstep.hal.InputWiring;

/**
 * A lock's bolt monitor (a switch in the strike that closes when the bolt is thrown into it), reported as
 * {@link DeviceSignal.BoltChanged}. Leading-edge debounced like {@link DoorContact}: a bolt that drops out of a
 * locked door is reported on its first edge.
 */
public final class BoltMonitor extends FilteredInput {
    public BoltMonitor(String doorId, InputWiring wiring, Consumer<DeviceSignal> sink) {
        super(doorId, wiring, sink, DeviceSignal.BoltChanged::new, LeadingEdgeFilter::new);
    }

    /** The debounced bolt position last reported. */
    public boolean isThrown() {
        return active();
    }
}
