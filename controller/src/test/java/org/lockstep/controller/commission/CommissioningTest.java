package org.lockstep.controller.commission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lockstep.controller.audit.AuditTarget;
import org.lockstep.controller.config.SiteConfigLoader;
import org.lockstep.controller.core.Command;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.core.DoorStatus;
import org.lockstep.controller.core.Event;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Site;

/**
 * The walkthrough's judgement, door by door, against a building that answers at once (no broker, no clock): what an
 * installer's "no", a bolt that does not throw, a contact that never opens and a controller that refuses a test lock
 * each do to the record. The same walkthrough against the simulated school over MQTT: CommissionAgainstSimTest.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CommissioningTest {
    static final Site SITE = load();

    static Site load() {
        try {
            return SiteConfigLoader.load(Path.of("../deploy/site.example.yaml")).site();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A building that does what it is told at once; each door can be given one fault. */
    static class Building implements CommissionTarget, Installer {
        final Map<String, DoorStatus> doors = new HashMap<>();
        final Set<String> jammed = new java.util.HashSet<>();
        final Set<String> deadContacts = new java.util.HashSet<>();
        Optional<String> refuseLocksWith = Optional.empty();
        int refuseAfterLockTests;
        boolean hears = true;
        final List<Event.LockTestRequested> lockTests = new ArrayList<>();
        final List<Finding> recorded = new ArrayList<>();

        @Override
        public Optional<ZoneSeen> zone(String zoneId) {
            return Optional.of(new ZoneSeen("NORMAL", false, ""));
        }

        @Override
        public boolean reachable(String controllerId) {
            return true;
        }

        @Override
        public Optional<AuditTarget.Observed> door(DoorSpec door) {
            DoorStatus s = doors.getOrDefault(door.id(), DoorStatus.UNLOCKED);
            return Optional.of(new AuditTarget.Observed(s, "", s == DoorStatus.SECURED
                    || s == DoorStatus.FAILED_TO_SECURE));
        }

        @Override
        public Optional<Command.Reply> lockTest(DoorSpec door, Event.LockTestRequested request) {
            lockTests.add(request);
            if (refuseLocksWith.isPresent() && lockTests.size() > refuseAfterLockTests) {
                return Optional.of(new Command.Reply(request.requestId(), false, refuseLocksWith.get()));
            }
            doors.put(door.id(), !request.lock() ? DoorStatus.UNLOCKED
                    : jammed.contains(door.id()) ? DoorStatus.FAILED_TO_SECURE : DoorStatus.SECURED);
            return Optional.of(new Command.Reply(request.requestId(), true, "ok"));
        }

        @Override
        public long alerts(String kind, String subjectId) {
            return 0;
        }

        @Override
        public Optional<Command.Reply> allClear(Scope scope, String reason) {
            return Optional.empty();
        }

        @Override
        public void record(String controllerId, Finding finding) {
            recorded.add(finding);
        }

        @Override
        public boolean await(BooleanSupplier condition, long timeoutMs) {
            return condition.getAsBoolean();
        }

        @Override
        public void pause(long ms) {}

        @Override
        public void progress(String line) {}

        @Override
        public boolean heard(String question) {
            return hears;
        }

        @Override
        public void instruct(Instruction i) {
            if (deadContacts.contains(i.deviceId())) {
                return;
            }
            switch (i.action()) {
                case OPEN_DOOR -> doors.put(i.deviceId(), DoorStatus.OPEN);
                case CLOSE_DOOR -> doors.put(i.deviceId(), DoorStatus.UNLOCKED);
                default -> {}
            }
        }
    }

    static CommissionRecord run(Building b, Optional<String> door) throws Refused {
        return new Commissioning(SITE, b, b, "chen", Clock.systemUTC())
                .run(new Commissioning.Plan("east-lower", door, Set.of(), 1_000));
    }

    static Finding only(CommissionRecord r) {
        assertEquals(1, r.findings().size(), r.findings().toString());
        return r.findings().getFirst();
    }

    @Test
    void a_door_whose_lock_is_heard_whose_bolt_throws_and_whose_contact_opens_and_closes_passes() throws Refused {
        Building b = new Building();
        CommissionRecord r = run(b, Optional.of("c101"));
        assertTrue(r.passed(), r.toString());
        assertEquals(List.of(true, false), b.lockTests.stream().map(Event.LockTestRequested::lock).toList(),
                "locked for the test, then released");
        assertEquals(r.findings(), b.recorded, "every finding goes to the controller's journal");
    }

    @Test
    void a_lock_nobody_heard_fails_its_door() throws Refused {
        Building b = new Building();
        b.hears = false;
        Finding f = only(run(b, Optional.of("c101")));
        assertFalse(f.passed());
        assertTrue(f.reason().contains("the lock was not heard"), f.reason());
    }

    @Test
    void a_bolt_that_does_not_throw_fails_its_door_and_the_lock_is_still_released() throws Refused {
        Building b = new Building();
        b.jammed.add("c101");
        Finding f = only(run(b, Optional.of("c101")));
        assertFalse(f.passed());
        assertTrue(f.reason().contains("bolt feedback not seen") && f.reason().contains("FAILED_TO_SECURE"),
                f.reason());
        assertFalse(b.lockTests.getLast().lock(), "released after the failure");
    }

    @Test
    void a_contact_that_never_reads_open_fails_its_door() throws Refused {
        Building b = new Building();
        b.deadContacts.add("c101");
        Finding f = only(run(b, Optional.of("c101")));
        assertTrue(f.reason().contains("did not read OPEN"), f.reason());
    }

    @Test
    void a_test_lock_the_controller_refuses_stops_the_walk_with_its_reason_and_keeps_what_was_found() throws Refused {
        Building b = new Building();
        b.refuseLocksWith = Optional.of("a fire alarm is active: locks are not tested now");
        b.refuseAfterLockTests = 2; // the first door is locked and released; then the fire alarm
        CommissionRecord r = run(b, Optional.empty());
        List<DoorSpec> doors = SITE.doorsOf("east-lower");
        assertEquals(Optional.of(doors.get(1).id() + ": a fire alarm is active: locks are not tested now"),
                r.refusal());
        assertFalse(r.passed());
        assertEquals(List.of(doors.get(0).id()), r.findings().stream().map(Finding::deviceId).toList(),
                "the first door's result stands");
        assertTrue(r.findings().getFirst().passed());
    }

    @Test
    void a_zone_not_normal_refuses_before_anything_moves() {
        Building b = new Building() {
            @Override
            public Optional<ZoneSeen> zone(String zoneId) {
                return Optional.of(new ZoneSeen(zoneId.equals("east") ? "SECURE" : "NORMAL", false, ""));
            }
        };
        Refused e = assertThrows(Refused.class, () -> run(b, Optional.of("c101")));
        assertTrue(e.getMessage().contains("zone east is SECURE"), e.getMessage());
        assertEquals(List.of(), b.lockTests);
    }
}
