package org.lockstep.sim;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.lockstep.hal.InputWiring;
import org.lockstep.hal.device.RelayWiring;

/**
 * A plain description of a simulated building: which devices exist, which controller each is wired to, and how.
 * Built in code (see {@link #builder()}); the site configuration is another engineer's, and can be turned into one
 * of these. Ids are unique across all devices, because a port is named after its device.
 */
public record BuildingPlan(List<DoorSpec> doors, List<PanicButtonSpec> panicButtons, List<FireAlarmSpec> fireAlarms,
        List<DryContactDetectorSpec> dryContactDetectors, List<SerialDetectorSpec> serialDetectors) {

    /** The longest a simulated bolt may take to throw; a motorised lock takes a second or two, not minutes. */
    public static final long MAX_ACTUATION_MS = 30_000;

    public BuildingPlan {
        doors = List.copyOf(Objects.requireNonNull(doors, "doors"));
        panicButtons = List.copyOf(Objects.requireNonNull(panicButtons, "panicButtons"));
        fireAlarms = List.copyOf(Objects.requireNonNull(fireAlarms, "fireAlarms"));
        dryContactDetectors = List.copyOf(Objects.requireNonNull(dryContactDetectors, "dryContactDetectors"));
        serialDetectors = List.copyOf(Objects.requireNonNull(serialDetectors, "serialDetectors"));
        Set<String> seen = new HashSet<>();
        Stream.of(doors.stream().map(DoorSpec::doorId), panicButtons.stream().map(PanicButtonSpec::id),
                        fireAlarms.stream().map(FireAlarmSpec::id), dryContactDetectors.stream().map(DryContactDetectorSpec::id),
                        serialDetectors.stream().map(SerialDetectorSpec::id))
                .flatMap(s -> s)
                .forEach(id -> {
                    if (!seen.add(id)) {
                        throw new IllegalArgumentException("device id " + id + " is used twice");
                    }
                });
    }

    /**
     * One door: its lock relay, its position switch, optionally a bolt monitor, and how long its bolt takes to move.
     */
    public record DoorSpec(String doorId, String controllerId, RelayWiring relay, InputWiring contact,
            Optional<InputWiring> bolt, long actuationMs) {
        public DoorSpec {
            requireId(doorId, "doorId");
            requireId(controllerId, "controllerId");
            Objects.requireNonNull(relay, "relay");
            Objects.requireNonNull(contact, "contact");
            Objects.requireNonNull(bolt, "bolt");
            if (actuationMs < 0 || actuationMs > MAX_ACTUATION_MS) {
                throw new IllegalArgumentException(
                        "actuationMs must be 0.." + MAX_ACTUATION_MS + ", was " + actuationMs + " (door " + doorId + ")");
            }
        }
    }

    public record PanicButtonSpec(String id, String controllerId, InputWiring wiring) {
        public PanicButtonSpec {
            requireId(id, "id");
            requireId(controllerId, "controllerId");
            Objects.requireNonNull(wiring, "wiring");
        }
    }

    public record FireAlarmSpec(String id, String controllerId, InputWiring wiring) {
        public FireAlarmSpec {
            requireId(id, "id");
            requireId(controllerId, "controllerId");
            Objects.requireNonNull(wiring, "wiring");
        }
    }

    public record DryContactDetectorSpec(String id, String controllerId, String location, InputWiring wiring) {
        public DryContactDetectorSpec {
            requireId(id, "id");
            requireId(controllerId, "controllerId");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(wiring, "wiring");
        }
    }

    /** A serial link to a weapon detector; what travels over it is the frame protocol's business. */
    public record SerialDetectorSpec(String id, String controllerId) {
        public SerialDetectorSpec {
            requireId(id, "id");
            requireId(controllerId, "controllerId");
        }
    }

    private static void requireId(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final List<DoorSpec> doors = new ArrayList<>();
        private final List<PanicButtonSpec> panicButtons = new ArrayList<>();
        private final List<FireAlarmSpec> fireAlarms = new ArrayList<>();
        private final List<DryContactDetectorSpec> dryContactDetectors = new ArrayList<>();
        private final List<SerialDetectorSpec> serialDetectors = new ArrayList<>();

        private Builder() {}

        public Builder door(DoorSpec door) {
            doors.add(door);
            return this;
        }

        public Builder door(String doorId, String controllerId, RelayWiring relay, InputWiring contact,
                Optional<InputWiring> bolt, long actuationMs) {
            return door(new DoorSpec(doorId, controllerId, relay, contact, bolt, actuationMs));
        }

        public Builder panicButton(String id, String controllerId, InputWiring wiring) {
            panicButtons.add(new PanicButtonSpec(id, controllerId, wiring));
            return this;
        }

        public Builder fireAlarm(String id, String controllerId, InputWiring wiring) {
            fireAlarms.add(new FireAlarmSpec(id, controllerId, wiring));
            return this;
        }

        public Builder dryContactDetector(String id, String controllerId, String location, InputWiring wiring) {
            dryContactDetectors.add(new DryContactDetectorSpec(id, controllerId, location, wiring));
            return this;
        }

        public Builder serialDetector(String id, String controllerId) {
            serialDetectors.add(new SerialDetectorSpec(id, controllerId));
            return this;
        }

        public BuildingPlan build() {
            return new BuildingPlan(doors, panicButtons, fireAlarms, dryContactDetectors, serialDetectors);
        }
    }
}
