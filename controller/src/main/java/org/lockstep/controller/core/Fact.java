package org.lockstep.controller.core;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the core decided happened: the output of {@link LockdownMachine#decide} and the only thing
 * {@link LockdownMachine#evolve} reads. Facts are journaled; a restart folds them with {@code evolve}, which checks
 * nothing (no permission, source, scope or policy), so no later edit of the site file can change the past.
 *
 * <p>A fact names the new value of a part of the state (a zone's mode, a door's state, a fire alarm, a device fault,
 * the test locks, a request's answer) or records a decision that changes no state (a lock drive and its cause, an
 * alert, a shared request). Lock drives, alerts, replies and shared requests are derived from these facts
 * ({@link #command()}).
 */
public sealed interface Fact {

    /** The command this fact sends, if it sends one. */
    default Optional<Command> command() {
        return switch (this) {
            case LockDriven d -> Optional.of(new Command.DriveLock(d.doorId(), d.lock(), d.cause()));
            case AlertRaised a -> Optional.of(new Command.RaiseAlert(a.alert()));
            case RequestAnswered r -> r.toRequester() ? Optional.of(r.reply()) : Optional.empty();
            case RequestShared s -> Optional.of(new Command.ShareRequest(s.request()));
            case ZoneModeChanged z -> Optional.empty();
            case DoorChanged d -> Optional.empty();
            case FireAlarmSet f -> Optional.empty();
            case DeviceFaultSet f -> Optional.empty();
            case TestLocksSet t -> Optional.empty();
            case Checkpoint c -> Optional.empty();
        };
    }

    /** A zone's mode changed; the mode carries its cause (trigger, reason) and version. */
    record ZoneModeChanged(String zoneId, ZoneMode mode) implements Fact {
        public ZoneModeChanged {
            Objects.requireNonNull(zoneId, "zoneId");
            Objects.requireNonNull(mode, "mode");
        }
    }

    /** One of this controller's doors as decided: lock commanded, sensors, derived status, alert memory. */
    record DoorChanged(String doorId, DoorState door) implements Fact {
        public DoorChanged {
            Objects.requireNonNull(doorId, "doorId");
            Objects.requireNonNull(door, "door");
        }
    }

    /** A relay was told to lock or unlock, and why (its door's state is in the step's {@link DoorChanged}). */
    record LockDriven(String doorId, boolean lock, String cause) implements Fact {
        public LockDriven {
            Objects.requireNonNull(doorId, "doorId");
            Objects.requireNonNull(cause, "cause");
        }
    }

    record AlertRaised(Alert alert) implements Fact {
        public AlertRaised {
            Objects.requireNonNull(alert, "alert");
        }
    }

    /**
     * A request was accepted or refused, with the reason.
     *
     * @param toRequester whether the answer is sent back (operators get one; panic buttons and detectors do not)
     * @param fingerprint what the request asked for, when this answer is a decision to remember (idempotency by id);
     *     empty for a repeat answered as before, or an id reused for a different request (refused, nothing remembered)
     */
    record RequestAnswered(Command.Reply reply, boolean toRequester, Optional<String> fingerprint) implements Fact {
        public RequestAnswered {
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }
    }

    /** A trigger wired here reaches other controllers: the request was shared with them. */
    record RequestShared(Event.ModeRequested request) implements Fact {
        public RequestShared {
            Objects.requireNonNull(request, "request");
        }
    }

    record FireAlarmSet(String alarmId, boolean active) implements Fact {
        public FireAlarmSet {
            Objects.requireNonNull(alarmId, "alarmId");
        }
    }

    /** A non-door device's fault began (detail) or ended (empty). */
    record DeviceFaultSet(String deviceId, Optional<String> detail) implements Fact {
        public DeviceFaultSet {
            Objects.requireNonNull(deviceId, "deviceId");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** The doors a lock audit now holds locked. */
    record TestLocksSet(Set<String> doorIds) implements Fact {
        public TestLocksSet {
            doorIds = Set.copyOf(doorIds);
        }
    }

    /**
     * The whole state, so a restart can start here instead of at the journal's beginning. Doors are keyed by id, not
     * position, so a site file that gained or lost a door still maps the rest.
     */
    record Checkpoint(long atMs, Map<String, ZoneMode> zones, Map<String, DoorState> doors, Set<String> fireAlarms,
            Map<String, String> faultedDevices, Map<String, Command.Reply> recentReplies, Set<String> testLocks,
            Map<String, String> recentRequests) implements Fact {
        public Checkpoint {
            zones = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(zones));
            doors = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(doors));
            fireAlarms = Set.copyOf(fireAlarms);
            faultedDevices = Map.copyOf(faultedDevices);
            recentReplies = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(recentReplies));
            testLocks = Set.copyOf(testLocks);
            recentRequests = Map.copyOf(recentRequests);
        }
    }
}
