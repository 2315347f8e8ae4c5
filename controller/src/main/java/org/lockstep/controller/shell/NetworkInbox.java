package org.lockstep.controller.shell;

import org.lockstep.controller.core.Event;

/**
 * The network lane's entrance: where MQTT commands, peers' zone modes and site-bus shares go. It is bounded and
 * may refuse (per source, or when full); it never blocks the caller, and nothing offered here can fill or delay the
 * local lane (panic buttons, contacts, bolts, fire, detectors), which {@link ControllerLoop#offer} serves.
 *
 * <p>Thread-safe: called from the MQTT transport's threads.
 */
@FunctionalInterface
public interface NetworkInbox {
    /** What became of an offer. Anything but {@link #ACCEPTED} was counted, and the caller may answer "busy". */
    enum Admission { ACCEPTED, RATE_LIMITED, FULL }

    /**
     * @param sourceKey who the input claims to come from, for the per-source limit (e.g. {@code "cmd:rivera"},
     *     {@code "peer:east-lower"}); bounded and validated by the caller
     */
    Admission offer(String sourceKey, Event event);
}
