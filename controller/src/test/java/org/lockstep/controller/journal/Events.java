package org.lockstep.controller.journal;

import java.util.List;

import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Source;

/** One of every event variant, with awkward values (empty strings, non-ASCII, extremes). */
final class Events {
    private Events() {}

    static List<Event> everyVariant() {
        return List.of(
                new Event.ModeRequested("req-1", Mode.LOCKDOWN, Scope.SITE, false, new Source.Operator("okafor"),
                        "intruder reported at the east door"),
                new Event.ModeRequested("req-2", Mode.SECURE, Scope.zone("east"), true, new Source.PanicButton("panic-office"),
                        ""),
                new Event.ModeRequested("r".repeat(128), Mode.NORMAL, Scope.zone("gym"), false,
                        new Source.Detector("wd-main"), "Ünïcödé — 日本語 ✓"),
                new Event.ControllerStarted(),
                new Event.TimeAdvanced(),
                new Event.ContactChanged("c101", true),
                new Event.ContactChanged("c101", false),
                new Event.BoltChanged("c102", true),
                new Event.PanicPressed("panic-office"),
                new Event.WeaponDetected("wd-main", "s-3", 97, "Main entrance"),
                new Event.WeaponDetected("wd-main", "", Integer.MIN_VALUE, ""),
                new Event.FireAlarmChanged("fire-main", true),
                new Event.DeviceFaulted("c101", "relay: write refused"),
                new Event.DeviceRecovered("c101"),
                new Event.LockTestRequested("audit-1", "c101", true, new Source.Operator("chen")),
                new Event.LockTested("c101", false, "FAILED_TO_SECURE: bolt did not throw"),
                new Event.Commissioned("c101", false, "the door contact never read OPEN", new Source.Operator("chen")),
                new Event.PeerModeSeen("east-upper", "east", Mode.LOCKDOWN, false,
                        java.util.Optional.of(new Source.PanicButton("panic-office")), "panic button at the office", 7),
                new Event.PeerModeSeen("commons", "gym", Mode.SECURE, true, java.util.Optional.empty(), "", Long.MAX_VALUE));
    }
}
