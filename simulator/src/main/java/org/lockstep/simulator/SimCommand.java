package org.lockstep.simulator;

import java.util.Objects;

/**
 * What a console or a test can do to the simulated school over {@code <prefix>/sim/...} (sim only; a real controller
 * never subscribes). Decoded by {@link SimControlDecoder}, carried out by the simulator's {@link SimControlListener}.
 */
public sealed interface SimCommand {
    /** {@code sim/panic/<button>}: the button passes its guard (held long enough). */
    record PressPanic(String buttonId) implements SimCommand {
        public PressPanic {
            Objects.requireNonNull(buttonId, "buttonId");
        }
    }

    enum DoorMove {
        OPEN,
        CLOSE,
        /** Open and left open (the simulator keeps it open past the grace time). */
        PROP
    }

    /** {@code sim/door/<door>/open|close|prop}. */
    record MoveDoor(String doorId, DoorMove move) implements SimCommand {
        public MoveDoor {
            Objects.requireNonNull(doorId, "doorId");
            Objects.requireNonNull(move, "move");
        }
    }

    /** {@code sim/detector/<detector>} with {@code {"sensor":"lane-1","confidence":92,"location":"..."}}. */
    record DetectorEvent(String detectorId, String sensorId, int confidencePct, String location) implements SimCommand {
        public DetectorEvent {
            Objects.requireNonNull(detectorId, "detectorId");
            Objects.requireNonNull(sensorId, "sensorId");
            Objects.requireNonNull(location, "location");
        }
    }

    /** {@code sim/fire/<alarm>} with {@code {"active":true}}. */
    record FireAlarm(String alarmId, boolean active) implements SimCommand {
        public FireAlarm {
            Objects.requireNonNull(alarmId, "alarmId");
        }
    }

    enum FaultKind {
        JAM_BOLT,
        STICK_RELAY,
        FAIL_RELAY,
        CUT_CONTACT,
        CUT_BOLT,
        DETECTOR_SILENT,
        DETECTOR_GARBAGE,
        POWER_CUT,
        /** Undo every fault on the device (or restore power). */
        REPAIR
    }

    /** {@code sim/fault/<device>} with {@code {"fault":"JAM_BOLT"}}; the device is a door, detector or controller. */
    record InjectFault(String deviceId, FaultKind fault) implements SimCommand {
        public InjectFault {
            Objects.requireNonNull(deviceId, "deviceId");
            Objects.requireNonNull(fault, "fault");
        }
    }
}
