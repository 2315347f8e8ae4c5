package org.lockstep.controller.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.lockstep.controller.core.Command;
import org.lockstep.controller.core.ControllerState;
import org.lockstep.controller.core.DoorStatus;
import org.lockstep.controller.core.DoorView;
import org.lockstep.controller.core.LockdownMachine;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Site;
import org.lockstep.controller.core.ZoneMode;
import org.lockstep.controller.journal.JournalRecord;

/**
 * Builds the after-action report by replaying each controller's journal through {@link LockdownMachine} — the same
 * code path as live operation — and watching the commands it gives: zone modes, lock drives, door statuses, alerts.
 *
 * <p>Each controller's facts keep their journal order; their times come from the monotonic clock within each boot
 * ({@link Timeline}), so a wall-clock step cannot reorder or split an incident, and the steps themselves are listed.
 * A zone's mode changes when a controller reports a newer version of it: every controller of the site reports the same
 * change under the same version (a controller's start republishes what it has, under the version it had), so a change
 * is counted once and a controller's start is never an ALL CLEAR.
 */
public final class IncidentReport {
    /** The report: the incidents that started in [fromWallMs, toWallMs], oldest first. */
    public record Result(String siteName, long fromWallMs, long toWallMs, List<Incident> incidents,
            List<String> journalProblems, List<Timeline.ClockStep> clockSteps) {
        public Result(String siteName, long fromWallMs, long toWallMs, List<Incident> incidents,
                List<String> journalProblems) {
            this(siteName, fromWallMs, toWallMs, incidents, journalProblems, List.of());
        }
    }

    private IncidentReport() {}

    /**
     * One command the core gave while replaying, with the time its record is placed at. Within one transition the
     * zone changes are taken first (the core lists lock drives first), so an incident's first drives belong to it.
     */
    private record Fact(long wallMs, int controllerIndex, long transition, int rank, long order, String controller,
            Command command) {}

    public static Result build(Site site, Map<String, List<JournalRecord>> journals, long fromWallMs, long toWallMs,
            List<String> journalProblems) {
        List<Fact> facts = new ArrayList<>();
        List<Timeline.ClockStep> steps = new ArrayList<>();
        long order = 0;
        int controllerIndex = 0;
        for (Map.Entry<String, List<JournalRecord>> j : journals.entrySet()) {
            LockdownMachine machine = new LockdownMachine(site, j.getKey());
            ControllerState state = machine.initial();
            Timeline.Result timeline = Timeline.of(j.getKey(), j.getValue());
            steps.addAll(timeline.steps());
            long transition = 0;
            for (Timeline.Stamped r : timeline.records()) {
                LockdownMachine.Transition t = machine.apply(state, r.record().event(), r.record().atMs());
                state = t.state();
                transition++;
                for (Command c : t.commands()) {
                    facts.add(new Fact(r.wallMs(), controllerIndex, transition,
                            c instanceof Command.PublishZone ? 0 : 1, order++, j.getKey(), c));
                }
            }
            controllerIndex++;
        }
        // Each controller's facts are already in its own order and times; merging keeps that order.
        facts.sort(Comparator.comparingLong(Fact::wallMs).thenComparingInt(Fact::controllerIndex)
                .thenComparingLong(Fact::transition).thenComparingInt(Fact::rank).thenComparingLong(Fact::order));
        List<Incident> incidents = new ArrayList<>();
        Map<String, ZoneMode> zones = new LinkedHashMap<>();
        site.zones().forEach(z -> zones.put(z.id(), ZoneMode.initial()));
        Builder current = null;
        for (Fact f : facts) {
            if (f.command() instanceof Command.PublishZone z) {
                ZoneMode before = zones.get(z.zoneId());
                ZoneMode after = z.mode();
                if (before == null || after.version() <= before.version()) {
                    continue; // not news: the same change from another controller, a restart's republish, or stale
                }
                zones.put(z.zoneId(), after);
                if (before.mode() == after.mode() && before.drill() == after.drill()) {
                    continue;
                }
                Incident.ModeChange change = new Incident.ModeChange(f.wallMs(), z.zoneId(), after.mode(),
                        after.drill(), after.trigger().map(Object::toString).orElse("controller"), after.reason());
                if (current == null && after.mode() != Mode.NORMAL) {
                    current = new Builder(site, f.wallMs(), change);
                }
                if (current != null) {
                    current.change(change);
                    if (zones.values().stream().allMatch(m -> m.mode() == Mode.NORMAL)) {
                        incidents.add(current.build(OptionalLong.of(f.wallMs()), Optional.of(change)));
                        current = null;
                    }
                }
                continue;
            }
            if (current != null) {
                current.fact(f);
            }
        }
        if (current != null) {
            incidents.add(current.build(OptionalLong.empty(), Optional.empty()));
        }
        List<Incident> selected = incidents.stream()
                .filter(i -> i.startWallMs() >= fromWallMs && i.startWallMs() <= toWallMs).toList();
        return new Result(site.name(), fromWallMs, toWallMs, selected, List.copyOf(journalProblems),
                List.copyOf(steps));
    }

    /** Collects one incident. */
    private static final class Builder {
        private final Site site;
        private final long startWallMs;
        private final Incident.ModeChange trigger;
        private final List<Incident.ModeChange> changes = new ArrayList<>();
        private final Map<String, Long> lockCommanded = new LinkedHashMap<>();
        private final Map<String, String> controllerOf = new HashMap<>();
        private final Map<String, Long> secured = new HashMap<>();
        private final Map<String, DoorView> last = new HashMap<>();
        private final List<Incident.DoorOpening> openings = new ArrayList<>();
        private final List<Incident.AlertLine> alerts = new ArrayList<>();

        Builder(Site site, long startWallMs, Incident.ModeChange trigger) {
            this.site = site;
            this.startWallMs = startWallMs;
            this.trigger = trigger;
        }

        void change(Incident.ModeChange c) {
            changes.add(c);
        }

        void fact(Fact f) {
            switch (f.command()) {
                case Command.DriveLock d -> {
                    if (d.lock()) {
                        lockCommanded.putIfAbsent(d.doorId(), f.wallMs());
                        controllerOf.put(d.doorId(), f.controller());
                    }
                }
                case Command.PublishDoor p -> {
                    DoorView v = p.door();
                    DoorView before = last.put(v.doorId(), v);
                    if (v.status() == DoorStatus.SECURED && lockCommanded.containsKey(v.doorId())) {
                        secured.putIfAbsent(v.doorId(), f.wallMs());
                    }
                    boolean opened = v.open() && (before == null || !before.open());
                    if (opened && v.lockCommanded()) {
                        openings.add(new Incident.DoorOpening(f.wallMs(), v.doorId(), v.room(), v.zone(), v.status()));
                    }
                }
                case Command.RaiseAlert a -> alerts.add(new Incident.AlertLine(f.wallMs(), f.controller(), a.alert()));
                case Command.PublishZone z -> throw new AssertionError("zones are handled by the caller");
                case Command.Reply r -> {}
                case Command.ShareRequest s -> {}
            }
        }

        Incident build(OptionalLong end, Optional<Incident.ModeChange> allClear) {
            List<Incident.DoorOutcome> doors = new ArrayList<>();
            for (Map.Entry<String, Long> e : lockCommanded.entrySet()) {
                String id = e.getKey();
                var spec = site.doors().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
                DoorView v = last.get(id);
                Long s = secured.get(id);
                doors.add(new Incident.DoorOutcome(id, spec.room(), spec.zone(), controllerOf.get(id), e.getValue(),
                        s == null ? OptionalLong.empty() : OptionalLong.of(s),
                        v == null ? DoorStatus.UNLOCKED : v.status(),
                        v == null ? "no status published after the lock command" : v.detail()));
            }
            Mode worst = changes.stream().map(Incident.ModeChange::mode).max(Comparator.naturalOrder())
                    .orElse(trigger.mode());
            boolean drill = changes.stream().filter(c -> c.mode() != Mode.NORMAL).allMatch(Incident.ModeChange::drill);
            return new Incident(worst, drill, startWallMs, end, trigger, List.copyOf(changes), List.copyOf(doors),
                    List.copyOf(openings), List.copyOf(alerts), allClear);
        }
    }
}
