package org.lockstep.controller.cli;

import org.lockstep.controller.core.Event;

/** One line per event, for people reading a journal. */
final class EventText {
    private EventText() {}

    static String describe(Event e) {
        return switch (e) {
            case Event.ModeRequested r -> "request " + (r.mode() == org.lockstep.controller.core.Mode.NORMAL
                    ? "ALL CLEAR" : r.mode().name()) + (r.drill() ? " (drill)" : "") + " for " + r.scope() + " by "
                    + r.source() + " [" + r.requestId() + "]" + (r.reason().isEmpty() ? "" : ": " + r.reason());
            case Event.ControllerStarted s -> "controller started";
            case Event.TimeAdvanced t -> "timers due";
            case Event.ContactChanged c -> "door " + c.doorId() + (c.open() ? " opened" : " closed");
            case Event.BoltChanged b -> "bolt of " + b.doorId() + (b.thrown() ? " thrown" : " withdrawn");
            case Event.PanicPressed p -> "panic button " + p.buttonId() + " pressed";
            case Event.WeaponDetected w -> "weapon detected by " + w.detectorId() + " sensor " + w.sensorId() + " at "
                    + w.location() + ", confidence " + w.confidencePct() + "%";
            case Event.FireAlarmChanged f -> "fire alarm " + f.alarmId() + (f.active() ? " ACTIVE" : " cleared");
            case Event.DeviceFaulted f -> "fault on " + f.deviceId() + ": " + f.detail();
            case Event.DeviceRecovered r -> r.deviceId() + " recovered";
            case Event.LockTestRequested t -> "lock audit: " + (t.lock() ? "test lock " : "release ") + t.doorId()
                    + " by " + t.operator() + " [" + t.requestId() + "]";
            case Event.LockTested t -> "lock audit: " + t.doorId() + (t.passed() ? " PASSED" : " FAILED")
                    + (t.detail().isEmpty() ? "" : ": " + t.detail());
            case Event.Commissioned c -> "commissioning: " + c.deviceId() + (c.passed() ? " PASSED" : " FAILED")
                    + (c.detail().isEmpty() ? "" : ": " + c.detail()) + " (by " + c.operator() + ")";
            case Event.PeerModeSeen p -> "zone " + p.zoneId() + " " + p.mode() + (p.drill() ? " (drill)" : "")
                    + " seen from controller " + p.peerControllerId()
                    + p.trigger().map(t -> ", started by " + t).orElse("");
        };
    }
}
