package org.lockstep.controller.shell;

import org.lockstep.controller.core.Event;

/**
 * How a request started on one controller (its panic button, its detector) reaches every controller of the site.
 * Each controller acts on it by itself; requests are idempotent by id, so the sender's own copy is harmless.
 * MQTT carries it on a real site; {@link LocalSiteBus} in one process.
 */
public interface SiteBus {
    /** Must return at once (queue and return). */
    void share(String fromControllerId, Event.ModeRequested request);

    SiteBus NONE = (from, request) -> {};
}
