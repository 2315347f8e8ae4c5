package org.lockstep.controller.core;

import java.util.Objects;

/**
 * A door as the outside world sees it: what is published, displayed and reported.
 *
 * @param lockCommanded what the relay was last told
 * @param sinceMs when the status last changed
 * @param seq increases with every published change of this door, so a console can drop stale messages
 * @param detail why, for FAULT and FAILED_TO_SECURE; empty otherwise
 */
public record DoorView(String doorId, String room, String zone, DoorRole role, DoorStatus status, boolean open,
        boolean lockCommanded, long sinceMs, long seq, String detail, boolean drill) {
    public DoorView {
        Objects.requireNonNull(doorId, "doorId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }
}
