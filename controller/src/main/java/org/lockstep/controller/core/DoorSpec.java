package org.lockstep.controller.core;

import java.util.Objects;

/**
 * One controlled door, as the site file describes it (wiring lives in the config layer, not here).
 *
 * @param actuationMs how long the lock takes to throw or release; after it, bolt and position must agree
 * @param proppedGraceMs how long the door may stand open before it is PROPPED
 * @param boltFeedback whether a bolt monitor reports the bolt; without one, SECURED means "closed, and told to lock
 *     for longer than the actuation time", which cannot see a jammed bolt
 */
public record DoorSpec(String id, String room, String zone, DoorRole role, String controller, long actuationMs,
        long proppedGraceMs, boolean boltFeedback) {
    public DoorSpec {
        Ids.require("door.id", id);
        Objects.requireNonNull(room, "room");
        Ids.require("door.zone", zone);
        Objects.requireNonNull(role, "role");
        Ids.require("door.controller", controller);
        if (actuationMs < 1 || actuationMs > 10_000) {
            throw new IllegalArgumentException("door " + id + ": actuationMs must be 1..10000, was " + actuationMs);
        }
        if (proppedGraceMs < 1_000 || proppedGraceMs > 3_600_000) {
            throw new IllegalArgumentException("door " + id + ": proppedGraceMs must be 1000..3600000, was " + proppedGraceMs);
        }
    }
}
