package org.lockstep.controller.shell;

import org.lockstep.controller.core.Alert;
import org.lockstep.controller.core.Command;
import org.lockstep.controller.core.DoorView;
import org.lockstep.controller.core.ZoneMode;
import org.tinylog.Logger;

/**
 * Writes what a controller publishes to its log: the record a facilities person reads with journalctl, and the only
 * outbound when no broker is configured. tinylog's writing thread keeps the I/O off the event loop.
 */
public final class LogOutbound implements Outbound {
    @Override
    public void door(String controllerId, DoorView d) {
        Logger.info("{}: door {} ({}, zone {}) {}{}{}", controllerId, d.doorId(), d.room(), d.zone(), d.status(),
                d.detail().isEmpty() ? "" : ": " + d.detail(), d.drill() ? " [drill]" : "");
    }

    @Override
    public void zone(String controllerId, String zoneId, ZoneMode m) {
        Logger.warn("{}: zone {} is {}{} ({}{})", controllerId, zoneId, m.mode(), m.drill() ? " DRILL" : "",
                m.trigger().map(Object::toString).orElse("start"), m.reason().isEmpty() ? "" : ": " + m.reason());
    }

    @Override
    public void alert(String controllerId, Alert a, long atMs) {
        Logger.warn("{}: ALERT {}{}: {}", controllerId, a.drill() ? "[drill] " : "", a.kind(), a.detail());
    }

    @Override
    public void reply(String controllerId, Command.Reply r) {
        Logger.info("{}: request {} {}: {}", controllerId, r.requestId(), r.accepted() ? "accepted" : "REJECTED",
                r.reason());
    }
}
