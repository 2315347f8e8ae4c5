package org.lockstep.controller.commission;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.lockstep.controller.core.DetectorSpec;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.core.FireAlarmSpec;
import org.lockstep.controller.core.PanicButtonSpec;
import org.lockstep.controller.core.Site;

/**
 * {@code lockstep commission}: walks the installer through one controller, device by device — its doors
 * ({@link DoorCheck}), then, unless one door was asked for, its fire inputs, serial detectors and panic buttons
 * ({@link InputCheck}; panic buttons last, as a press locks down) — and sends each finding to the controller, which
 * journals it. Refused before anything moves unless every zone it would touch is NORMAL; the controller refuses each
 * test lock itself in a zone not NORMAL or during a fire alarm, which stops the walkthrough with its reason.
 */
public final class Commissioning {
    /**
     * @param door only this door (and no other input)
     * @param heartbeatDetectors the controller's detectors that send heartbeats (serial): a dry contact has none
     */
    public record Plan(String controllerId, Optional<String> door, Set<String> heartbeatDetectors, long stepTimeoutMs) {
        public Plan {
            Objects.requireNonNull(controllerId, "controllerId");
            Objects.requireNonNull(door, "door");
            heartbeatDetectors = Set.copyOf(heartbeatDetectors);
            if (stepTimeoutMs < 1) {
                throw new IllegalArgumentException("stepTimeoutMs must be positive");
            }
        }
    }

    private final Site site;
    private final CommissionTarget target;
    private final Installer installer;
    private final String operatorId;
    private final Clock wall;

    public Commissioning(Site site, CommissionTarget target, Installer installer, String operatorId, Clock wall) {
        this.site = Objects.requireNonNull(site, "site");
        this.target = Objects.requireNonNull(target, "target");
        this.installer = Objects.requireNonNull(installer, "installer");
        this.operatorId = Objects.requireNonNull(operatorId, "operatorId");
        this.wall = Objects.requireNonNull(wall, "wall");
    }

    /** @throws Refused before anything was done: the controller offline, a zone not NORMAL */
    public CommissionRecord run(Plan plan) throws Refused {
        Instant started = wall.instant();
        String c = plan.controllerId();
        List<DoorSpec> doors = site.doorsOf(c).stream().filter(d -> plan.door().map(d.id()::equals).orElse(true))
                .toList();
        boolean inputs = plan.door().isEmpty();
        List<FireAlarmSpec> fires = inputs ? site.fireAlarms().stream().filter(f -> f.controller().equals(c)).toList()
                : List.of();
        List<DetectorSpec> detectors = inputs ? site.detectors().stream().filter(d -> d.controller().equals(c)
                && plan.heartbeatDetectors().contains(d.id())).toList() : List.of();
        List<PanicButtonSpec> panics = inputs ? site.panicButtons().stream().filter(p -> p.controller().equals(c))
                .toList() : List.of();
        Set<String> zones = new LinkedHashSet<>();
        doors.forEach(d -> zones.add(d.zone()));
        panics.forEach(p -> site.zones().stream().filter(z -> p.scope().covers(z.id())).forEach(z -> zones.add(z.id())));
        if (!target.reachable(c)) {
            throw new Refused("controller " + c + " is not online on the broker: is 'lockstep run --controller " + c
                    + "' (or 'lockstep sim') running?");
        }
        Optional<String> notNormal = notNormal(zones);
        if (notNormal.isPresent()) {
            throw new Refused(notNormal.get());
        }
        int total = doors.size() + fires.size() + detectors.size() + panics.size();
        List<Finding> findings = new ArrayList<>();
        DoorCheck doorCheck = new DoorCheck(target, installer, operatorId, Long.toString(started.toEpochMilli(), 36),
                plan.stepTimeoutMs());
        InputCheck inputCheck = new InputCheck(site, target, installer, plan.stepTimeoutMs());
        int n = 0;
        try {
            for (DoorSpec d : doors) {
                requireNormal(zones);
                keep(c, findings, doorCheck.check(d, label(++n, total, "door " + d.id() + " (" + d.room() + ")")));
            }
            for (FireAlarmSpec f : fires) {
                keep(c, findings, inputCheck.fire(f, label(++n, total, "fire input " + f.id())));
            }
            for (DetectorSpec d : detectors) {
                keep(c, findings, inputCheck.detector(d, label(++n, total, "detector " + d.id() + " (" + d.location()
                        + ")")));
            }
            for (PanicButtonSpec p : panics) {
                requireNormal(zones);
                keep(c, findings, inputCheck.panic(p, label(++n, total, "panic button " + p.id() + " ("
                        + p.location() + ")")));
            }
        } catch (Refused e) {
            installer.progress("stopped: " + e.getMessage());
            return new CommissionRecord(site.name(), c, operatorId, started, wall.instant(), findings,
                    Optional.of(e.getMessage()));
        }
        return new CommissionRecord(site.name(), c, operatorId, started, wall.instant(), findings, Optional.empty());
    }

    private void keep(String controllerId, List<Finding> findings, Finding f) {
        findings.add(f);
        installer.progress((f.passed() ? "PASS " : "FAIL ") + f.kind().text() + " " + f.deviceId() + ": "
                + f.reason());
        target.record(controllerId, f);
    }

    private void requireNormal(Set<String> zones) throws Refused {
        Optional<String> why = notNormal(zones);
        if (why.isPresent()) {
            throw new Refused(why.get());
        }
    }

    private Optional<String> notNormal(Set<String> zones) {
        for (String z : zones) {
            Optional<CommissionTarget.ZoneSeen> seen = target.zone(z);
            String mode = seen.map(CommissionTarget.ZoneSeen::mode).orElse("unknown");
            if (!mode.equals("NORMAL")) {
                return Optional.of("zone " + z + " is " + mode + (seen.map(CommissionTarget.ZoneSeen::drill).orElse(false) ? " (drill)" : "")
                        + ": commissioning drives locks and inputs only while their zones are NORMAL");
            }
        }
        return Optional.empty();
    }

    private static String label(int n, int total, String what) {
        return "[" + n + "/" + total + "] " + what;
    }
}
