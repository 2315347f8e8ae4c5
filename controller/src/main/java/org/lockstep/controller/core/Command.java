package org.lockstep.controller.core;

import java.util.Objects;

/**
 * What the core tells the shell to do, in order. Lock drives always come first in a transition's list: a lockdown
 * reaches the relays before anything is published or logged.
 */
public sealed interface Command {

    /** @param cause why, in words a reviewer understands (journaled) */
    record DriveLock(String doorId, boolean lock, String cause) implements Command {
        public DriveLock {
            Objects.requireNonNull(doorId, "doorId");
            Objects.requireNonNull(cause, "cause");
        }
    }

    record PublishDoor(DoorView door) implements Command {
        public PublishDoor {
            Objects.requireNonNull(door, "door");
        }
    }

    record PublishZone(String zoneId, ZoneMode mode) implements Command {
        public PublishZone {
            Objects.requireNonNull(zoneId, "zoneId");
            Objects.requireNonNull(mode, "mode");
        }
    }

    record RaiseAlert(Alert alert) implements Command {
        public RaiseAlert {
            Objects.requireNonNull(alert, "alert");
        }
    }

    /** The answer to an operator's request (accepted or rejected, with the reason). */
    record Reply(String requestId, boolean accepted, String reason) implements Command {
        public Reply {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * A request started here (panic button, detector) whose scope reaches beyond this controller: send it to every
     * controller of the site, which acts on it by itself.
     */
    record ShareRequest(Event.ModeRequested request) implements Command {
        public ShareRequest {
            Objects.requireNonNull(request, "request");
        }
    }
}
