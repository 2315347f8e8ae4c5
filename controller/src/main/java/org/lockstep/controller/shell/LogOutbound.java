package org.lockstep.controller.shell;

import java.util.Objects;

import org.lockstep.controller.core.Alert;
import org.lockstep.controller.core.Command;
import org.lockstep.controller.core.DoorView;
import org.lockstep.controller.core.ZoneMode;
import org.lockstep.hal.MonotonicClock;
import org.tinylog.Logger;

/**
 * Writes what a controller publishes to its log: the record a facilities person reads with journalctl, and the only
 * outbound when no broker is configured. tinylog's writing thread keeps the I/O off the event loop.
 * <p>
 * Door statuses are limited per door ({@link DoorLogLimit}: the first 10 a minute, then one summary line a minute
 * with the count and the door's status now): a chattering contact must not fill the disk nor slow the loop. Zone
 * modes, alerts, replies and every door status that needs a person (a fault, a lock that did not throw, a forced
 * door) are always logged. The journal keeps every status whatever the log holds.
 */
public final class LogOutbound implements Outbound {
    /** Where the lines go: tinylog, or a test's list. Called on the loop thread. */
    interface Lines {
        void info(String line);

        void warn(String line);
    }

    private static final Lines TINYLOG = new Lines() {
        @Override
        public void info(String line) {
            Logger.info(line);
        }

        @Override
        public void warn(String line) {
            Logger.warn(line);
        }
    };

    private final MonotonicClock clock;
    private final Lines lines;
    private final DoorLogLimit limit = new DoorLogLimit();
    private String controllerId = "";

    /** @param clock the loop's clock (the time that opens and closes each door's window) */
    public LogOutbound(MonotonicClock clock) {
        this(clock, TINYLOG);
    }

    LogOutbound(MonotonicClock clock, Lines lines) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lines = Objects.requireNonNull(lines, "lines");
    }

    @Override
    public void door(String controllerId, DoorView d) {
        long now = clock.nowMs();
        this.controllerId = controllerId;
        summaries(now);
        if (limit.admit(d, now)) {
            lines.info(controllerId + ": door " + d.doorId() + " (" + d.room() + ", zone " + d.zone() + ") "
                    + d.status() + (d.detail().isEmpty() ? "" : ": " + d.detail()) + (d.drill() ? " [drill]" : ""));
        }
    }

    /** The summaries of windows that have ended, also when their doors have gone quiet (the loop calls this). */
    @Override
    public void tick(long nowMs) {
        summaries(nowMs);
    }

    private void summaries(long now) {
        for (DoorLogLimit.Summary s : limit.due(now)) {
            lines.info(controllerId + ": door " + s.doorId() + ": " + DoorLogLimit.line(s));
        }
    }

    @Override
    public void zone(String controllerId, String zoneId, ZoneMode m) {
        lines.warn(controllerId + ": zone " + zoneId + " is " + m.mode() + (m.drill() ? " DRILL" : "") + " ("
                + m.trigger().map(Object::toString).orElse("start") + (m.reason().isEmpty() ? "" : ": " + m.reason())
                + ")");
    }

    @Override
    public void alert(String controllerId, Alert a, long atMs) {
        lines.warn(controllerId + ": ALERT " + (a.drill() ? "[drill] " : "") + a.kind() + ": " + a.detail());
    }

    @Override
    public void reply(String controllerId, Command.Reply r) {
        lines.info(controllerId + ": request " + r.requestId() + " " + (r.accepted() ? "accepted" : "REJECTED") + ": "
                + r.reason());
    }
}
