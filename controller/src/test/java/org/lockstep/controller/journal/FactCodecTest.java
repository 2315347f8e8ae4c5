package org.lockstep.controller.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lockstep.controller.core.Alert;
import org.lockstep.controller.core.Command;
import org.lockstep.controller.core.DoorState;
import org.lockstep.controller.core.DoorStatus;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Fact;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Source;
import org.lockstep.controller.core.ZoneMode;

/** Format 2's record payload: the input and every kind of fact come back as they were written. */
class FactCodecTest {
    static final ZoneMode LOCKDOWN = new ZoneMode(Mode.LOCKDOWN, true, 1_234, Optional.of(new Source.PanicButton("p1")),
            "panic button at the office", 7);
    static final DoorState DOOR = new DoorState(true, true, 10, 20, true, 30, true, true, 40, Optional.of("relay: gone"),
            DoorStatus.FORCED, "opened while secured", 50, 60, Optional.of(DoorStatus.FORCED));

    static List<Fact> everyFact() {
        Event.ModeRequested r = new Event.ModeRequested("r1", Mode.LOCKDOWN, Scope.zone("east"), false,
                new Source.Detector("wd"), "weapon");
        return List.of(new Fact.ZoneModeChanged("east", LOCKDOWN),
                new Fact.ZoneModeChanged("west", ZoneMode.initial()),
                new Fact.DoorChanged("c101", DOOR), new Fact.DoorChanged("c102", DoorState.initial()),
                new Fact.LockDriven("c101", true, "LOCKDOWN by operator rivera (request r1)"),
                new Fact.AlertRaised(new Alert(Alert.Kind.FIRE_ALARM_CLEARED, "fire", "", "", "cleared", true)),
                new Fact.RequestAnswered(new Command.Reply("r1", false, "no"), true, Optional.of("LOCKDOWN|site")),
                new Fact.RequestAnswered(new Command.Reply("r1", true, "yes"), false, Optional.empty()),
                new Fact.RequestShared(r), new Fact.FireAlarmSet("fire-1", true),
                new Fact.DeviceFaultSet("wd", Optional.of("silent")), new Fact.DeviceFaultSet("wd", Optional.empty()),
                new Fact.TestLocksSet(Set.of("c101", "c102")),
                new Fact.Checkpoint(99, Map.of("east", LOCKDOWN), Map.of("c101", DOOR), Set.of("fire-1"),
                        Map.of("wd", "silent"), Map.of("r1", new Command.Reply("r1", true, "ok")), Set.of("c102"),
                        Map.of("r1", "LOCKDOWN|site")));
    }

    @Test
    void every_fact_round_trips() throws Exception {
        Event input = new Event.ContactChanged("c101", true);
        byte[] bytes = FactCodec.encode(input, everyFact());
        FactCodec.Step step = FactCodec.decode(bytes);
        assertEquals(input, step.input());
        assertEquals(everyFact(), step.facts());
    }

    @Test
    void every_alert_kind_and_door_status_has_its_own_code() throws Exception {
        for (Alert.Kind k : Alert.Kind.values()) {
            Fact f = new Fact.AlertRaised(new Alert(k, "s", "r", "z", "d", false));
            assertEquals(List.of(f), FactCodec.decode(FactCodec.encode(new Event.TimeAdvanced(), List.of(f))).facts());
        }
        for (DoorStatus st : DoorStatus.values()) {
            DoorState d = new DoorState(false, false, 0, 0, false, 0, false, false, -1, Optional.empty(), st, "", 0, 0,
                    Optional.of(st));
            Fact f = new Fact.DoorChanged("c1", d);
            assertEquals(List.of(f), FactCodec.decode(FactCodec.encode(new Event.TimeAdvanced(), List.of(f))).facts());
        }
    }

    @Test
    void trailing_or_missing_bytes_are_corrupt() {
        byte[] bytes = FactCodec.encode(new Event.TimeAdvanced(), everyFact());
        assertThrows(EventCodec.CorruptRecordException.class,
                () -> FactCodec.decode(Arrays.copyOf(bytes, bytes.length + 1)));
        assertThrows(EventCodec.CorruptRecordException.class,
                () -> FactCodec.decode(Arrays.copyOf(bytes, bytes.length - 1)));
    }
}
