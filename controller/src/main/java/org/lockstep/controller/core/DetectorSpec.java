package org.lockstep.controller.core;

import java.util.Objects;

/**
 * A weapon detector.
 *
 * @param zone where the detector stands; every detection alert names it
 * @param lockdownScope what an AUTO_LOCKDOWN detection locks down
 * @param minConfidencePct detections below this raise an alert but never a lockdown
 * @param heartbeatTimeoutMs a detector silent this long is reported offline
 */
public record DetectorSpec(String id, String controller, String location, String zone, DetectorPolicy policy,
        Scope lockdownScope, int minConfidencePct, long heartbeatTimeoutMs) {
    public DetectorSpec {
        Ids.require("detector.id", id);
        Ids.require("detector.controller", controller);
        Objects.requireNonNull(location, "location");
        Ids.require("detector.zone", zone);
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(lockdownScope, "lockdownScope");
        if (minConfidencePct < 0 || minConfidencePct > 100) {
            throw new IllegalArgumentException("detector " + id + ": minConfidencePct must be 0..100");
        }
        if (heartbeatTimeoutMs < 100 || heartbeatTimeoutMs > 600_000) {
            throw new IllegalArgumentException("detector " + id + ": heartbeatTimeoutMs must be 100..600000");
        }
    }
}
