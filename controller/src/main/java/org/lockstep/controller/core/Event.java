package org.lockstep.controller.core;

import java.util.Objects;

/**
 * What the core is told. Time is not part of an event: it is the {@code nowMs} argument of
 * {@link LockdownMachine#apply}, and the journal stores it beside the event.
 */
public sealed interface Event {

    /**
     * Someone or something asks for a mode in a scope. {@link Mode#NORMAL} is the ALL CLEAR.
     *
     * @param requestId idempotency key: a request seen before is answered as before and changes nothing
     */
    record ModeRequested(String requestId, Mode mode, Scope scope, boolean drill, Source source, String reason)
            implements Event {
        public ModeRequested {
            Objects.requireNonNull(requestId, "requestId");
            if (requestId.isBlank() || requestId.length() > 128) {
                throw new IllegalArgumentException("requestId must be 1..128 characters");
            }
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The controller (re)started: re-assert every relay and publish the whole picture. */
    record ControllerStarted() implements Event {}

    /** Nothing happened but time passed: timers (propped, failed-to-secure) are due. */
    record TimeAdvanced() implements Event {}

    record ContactChanged(String doorId, boolean open) implements Event {
        public ContactChanged {
            Objects.requireNonNull(doorId, "doorId");
        }
    }

    record BoltChanged(String doorId, boolean thrown) implements Event {
        public BoltChanged {
            Objects.requireNonNull(doorId, "doorId");
        }
    }

    /** A panic button passed its guard (hold time or press count). */
    record PanicPressed(String buttonId) implements Event {
        public PanicPressed {
            Objects.requireNonNull(buttonId, "buttonId");
        }
    }

    record WeaponDetected(String detectorId, String sensorId, int confidencePct, String location) implements Event {
        public WeaponDetected {
            Objects.requireNonNull(detectorId, "detectorId");
            Objects.requireNonNull(sensorId, "sensorId");
            Objects.requireNonNull(location, "location");
        }
    }

    record FireAlarmChanged(String alarmId, boolean active) implements Event {
        public FireAlarmChanged {
            Objects.requireNonNull(alarmId, "alarmId");
        }
    }

    /** A device stopped working (relay write refused, detector silent, ...). For door hardware the id is the door's. */
    record DeviceFaulted(String deviceId, String detail) implements Event {
        public DeviceFaulted {
            Objects.requireNonNull(deviceId, "deviceId");
            Objects.requireNonNull(detail, "detail");
        }
    }

    record DeviceRecovered(String deviceId) implements Event {
        public DeviceRecovered {
            Objects.requireNonNull(deviceId, "deviceId");
        }
    }

    /**
     * Facilities test one lock (the lock audit): lock it, or release it back to its plan, while its zone is NORMAL and
     * no fire alarm is active. Needs an operator allowed to run drills. A mode change or a fire alarm ends the test.
     */
    record LockTestRequested(String requestId, String doorId, boolean lock, Source.Operator operator) implements Event {
        public LockTestRequested {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(doorId, "doorId");
            Objects.requireNonNull(operator, "operator");
        }
    }

    /** A lock audit's finding for one door, journaled for the record. The core changes nothing for it. */
    record LockTested(String doorId, boolean passed, String detail) implements Event {
        public LockTested {
            Objects.requireNonNull(doorId, "doorId");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * A commissioning finding ({@code lockstep commission}) for one of this controller's devices (a door, panic button,
     * fire input or detector): passed or failed, why, and who commissioned it. Journaled for the record; the core
     * changes nothing for it.
     */
    record Commissioned(String deviceId, boolean passed, String detail, Source.Operator operator) implements Event {
        public Commissioned {
            Objects.requireNonNull(deviceId, "deviceId");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(operator, "operator");
        }
    }

    /**
     * Another controller of the site published a zone mode more severe than this controller's, with a higher
     * version ({@link ZoneMode#version()}: it has seen more changes of the zone than this controller). It catches a controller up on a
     * lockdown it missed while it was off or offline. Escalation only: a peer can never make a zone less severe, so
     * nothing unlocks because of it.
     *
     * @param trigger the original trigger, as the peer published it
     */
    record PeerModeSeen(String peerControllerId, String zoneId, Mode mode, boolean drill,
            java.util.Optional<Source> trigger, String reason, long version) implements Event {
        public PeerModeSeen {
            if (version < 1) {
                throw new IllegalArgumentException("version must be >= 1, was " + version);
            }
            Ids.require("peerControllerId", peerControllerId);
            Ids.require("zoneId", zoneId);
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(trigger, "trigger");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
