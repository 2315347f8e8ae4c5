package org.lockstep.controller.commission;

import java.util.List;
import java.util.Optional;

import org.lockstep.controller.core.Command;
import org.lockstep.controller.core.DetectorSpec;
import org.lockstep.controller.core.FireAlarmSpec;
import org.lockstep.controller.core.PanicButtonSpec;
import org.lockstep.controller.core.Site;

/**
 * A controller's other inputs, each seen end to end through the controller: a fire input active then cleared (its
 * FIRE_ALARM and FIRE_ALARM_CLEARED alerts), a serial detector's heartbeat lost when unplugged and seen again
 * (DETECTOR_OFFLINE, DETECTOR_ONLINE), a panic button's press (the LOCKDOWN it starts, then an ALL CLEAR).
 */
final class InputCheck {
    private final Site site;
    private final CommissionTarget target;
    private final Installer installer;
    private final long stepTimeoutMs;

    InputCheck(Site site, CommissionTarget target, Installer installer, long stepTimeoutMs) {
        this.site = site;
        this.target = target;
        this.installer = installer;
        this.stepTimeoutMs = stepTimeoutMs;
    }

    Finding fire(FireAlarmSpec f, String label) {
        String where = "fire panel contact";
        installer.progress(label + ": activate the fire input now");
        if (!seen("FIRE_ALARM", f.id(), Installer.Action.ACTIVATE_FIRE_INPUT, "activate fire input " + f.id()
                + " now (the fire panel's test, or open its dry contact)", stepTimeoutMs)) {
            return new Finding(Finding.Kind.FIRE_INPUT, f.id(), where, false, "no FIRE_ALARM within " + s(stepTimeoutMs)
                    + " of activating it: check the input's wire and its alarmWhen level in the site file");
        }
        installer.progress(label + ": FIRE_ALARM seen; release it");
        if (!seen("FIRE_ALARM_CLEARED", f.id(), Installer.Action.RELEASE_FIRE_INPUT, "release fire input " + f.id()
                + " (reset the panel)", stepTimeoutMs)) {
            return new Finding(Finding.Kind.FIRE_INPUT, f.id(), where, false, "seen active but not cleared within "
                    + s(stepTimeoutMs) + " of releasing it: the doors stay under the fire policy until it clears");
        }
        installer.progress(label + ": cleared seen");
        return new Finding(Finding.Kind.FIRE_INPUT, f.id(), where, true, "seen active, then cleared");
    }

    Finding detector(DetectorSpec d, String label) {
        long offlineWithin = d.heartbeatTimeoutMs() + stepTimeoutMs;
        installer.progress(label + ": unplug the detector's serial cable now");
        if (!seen("DETECTOR_OFFLINE", d.id(), Installer.Action.UNPLUG_DETECTOR, "unplug detector " + d.id() + " ("
                + d.location() + ")'s serial cable now", offlineWithin)) {
            return new Finding(Finding.Kind.DETECTOR, d.id(), d.location(), false, "no DETECTOR_OFFLINE within "
                    + s(offlineWithin) + " of unplugging it: the controller was not hearing its heartbeat (already "
                    + "offline? check the cable, port and baud) or it was not unplugged");
        }
        installer.progress(label + ": heartbeat lost; plug it back in");
        if (!seen("DETECTOR_ONLINE", d.id(), Installer.Action.PLUG_IN_DETECTOR, "plug detector " + d.id()
                + "'s cable back in", offlineWithin)) {
            return new Finding(Finding.Kind.DETECTOR, d.id(), d.location(), false, "heartbeat not seen again within "
                    + s(offlineWithin) + " of plugging it back in: check the cable, port, baud and protocol");
        }
        installer.progress(label + ": heartbeat seen");
        return new Finding(Finding.Kind.DETECTOR, d.id(), d.location(), true,
                "heartbeat lost when unplugged, seen again when plugged back in");
    }

    /** The press starts a real LOCKDOWN of the button's scope: seen on a zone's mode, then ended with an ALL CLEAR. */
    Finding panic(PanicButtonSpec p, String label) {
        List<String> zones = site.zones().stream().map(z -> z.id()).filter(z -> p.scope().covers(z)).toList();
        String trigger = "panic_button:" + p.id();
        installer.progress(label + ": press the panic button now (a real LOCKDOWN of " + p.scope() + ")");
        installer.instruct(new Installer.Instruction(Installer.Action.PRESS_PANIC_BUTTON, p.id(), "press panic button "
                + p.id() + " (" + p.location() + ") now, as in an emergency: it starts a real LOCKDOWN of "
                + p.scope() + " (tell the office first)"));
        boolean pressed = target.await(() -> zones.stream().anyMatch(z -> target.zone(z)
                .map(m -> m.mode().equals("LOCKDOWN") && m.trigger().equals(trigger)).orElse(false)), stepTimeoutMs);
        if (!pressed) {
            return new Finding(Finding.Kind.PANIC_BUTTON, p.id(), p.location(), false, "no LOCKDOWN from the button "
                    + "within " + s(stepTimeoutMs) + " of pressing it: check its wire, pressedWhen level and guard "
                    + "(held long enough?)");
        }
        installer.progress(label + ": LOCKDOWN seen; sending ALL CLEAR");
        Optional<Command.Reply> clear = target.allClear(p.scope(), "commissioning: panic button " + p.id() + " tested");
        if (clear.isEmpty() || !clear.get().accepted()) {
            installer.progress(label + ": your ALL CLEAR was " + clear.map(r -> "refused: " + r.reason())
                    .orElse("not answered") + "; an operator with all-clear must give it now ('lockstep command "
                    + "all-clear'); waiting up to " + s(stepTimeoutMs));
        }
        boolean normal = target.await(() -> zones.stream().allMatch(z -> target.zone(z)
                .map(m -> m.mode().equals("NORMAL")).orElse(false)), stepTimeoutMs);
        String after = normal ? "; back to NORMAL" : "; " + p.scope() + " is still in LOCKDOWN: an operator with "
                + "all-clear must give the ALL CLEAR";
        installer.progress(label + (normal ? ": back to NORMAL" : ": " + p.scope() + " is still in LOCKDOWN"));
        return new Finding(Finding.Kind.PANIC_BUTTON, p.id(), p.location(), true, "press seen: LOCKDOWN of "
                + p.scope() + after);
    }

    private boolean seen(String kind, String device, Installer.Action action, String text, long timeoutMs) {
        long before = target.alerts(kind, device);
        installer.instruct(new Installer.Instruction(action, device, text));
        return target.await(() -> target.alerts(kind, device) > before, timeoutMs);
    }

    private static String s(long ms) {
        return (ms + 999) / 1000 + " s";
    }
}
