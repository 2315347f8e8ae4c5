package org.lockstep.controller.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockstep.controller.core.TestSites.ACTUATION_MS;
import static org.lockstep.controller.core.TestSites.GRACE_MS;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockstep.controller.core.Command.DriveLock;
import org.lockstep.controller.core.Command.ShareRequest;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LockdownMachineTest {

    private static Set<String> lockedDoors(List<DriveLock> drives) {
        return drives.stream().filter(DriveLock::lock).map(DriveLock::doorId).collect(Collectors.toSet());
    }

    @Nested
    class Starting_a_lockdown {
        @Test
        void drives_every_door_of_the_controller_to_lock_in_the_same_step_before_anything_else() {
            Harness h = Harness.east().lockdown(1_000);
            assertEquals(Set.of("c101", "c102", "x1"), lockedDoors(h.drives()));
            // Safety rule 1: the relays come first; publishing and replies follow.
            for (int i = 0; i < h.drives().size(); i++) {
                assertInstanceOf(DriveLock.class, h.last.get(i));
            }
            assertEquals(Mode.LOCKDOWN, h.mode("east"));
            assertEquals(Mode.LOCKDOWN, h.mode("west"));
            assertTrue(h.reply().accepted());
        }

        @Test
        void doors_become_secured_once_the_bolt_is_thrown_or_the_actuation_time_passed_without_feedback() {
            Harness h = Harness.east().lockdown(1_000);
            assertEquals(DoorStatus.UNLOCKED, h.status("c101"));
            h.at(1_000 + ACTUATION_MS);
            assertEquals(DoorStatus.UNLOCKED, h.status("c102"), "no feedback: secured only after actuation time");
            h.settleBolts(1_000 + ACTUATION_MS / 2);
            assertEquals(DoorStatus.SECURED, h.status("c101"));
            assertEquals(DoorStatus.SECURED, h.status("x1"));
            h.at(1_000 + ACTUATION_MS + 1);
            assertEquals(DoorStatus.SECURED, h.status("c102"));
        }

        @Test
        void a_bolt_that_never_throws_is_failed_to_secure_after_the_actuation_time_and_alerted_with_room_and_zone() {
            Harness h = Harness.east().lockdown(1_000).at(1_000 + ACTUATION_MS);
            assertEquals(DoorStatus.UNLOCKED, h.status("c101"), "not yet: the bolt may still be on its way");
            h.at(1_000 + ACTUATION_MS + 1);
            assertEquals(DoorStatus.FAILED_TO_SECURE, h.status("c101"));
            Alert alert = h.alerts().stream().filter(a -> a.subjectId().equals("c101")).findFirst().orElseThrow();
            assertEquals(Alert.Kind.DOOR_FAILED_TO_SECURE, alert.kind());
            assertEquals("Room 101", alert.room());
            assertEquals("east", alert.zone());
            assertTrue(alert.detail().contains("Room 101"), alert.detail());
        }

        @Test
        void a_door_open_when_the_lockdown_starts_is_alerted_at_once_and_again_when_it_becomes_propped() {
            Harness h = Harness.east().apply(new Event.ContactChanged("c101", true), 500).lockdown(1_000);
            assertEquals(List.of(Alert.Kind.DOOR_OPEN), h.alerts().stream().map(Alert::kind).toList());
            h.settleBolts(1_100).at(500 + GRACE_MS + 1);
            assertEquals(DoorStatus.PROPPED, h.status("c101"));
            assertEquals(List.of(Alert.Kind.DOOR_PROPPED), h.alerts().stream().map(Alert::kind).toList());
            h.at(500 + GRACE_MS + 5_000);
            assertTrue(h.alerts().isEmpty(), "a propped door is alerted once, not on every tick");
        }

        @Test
        void a_secured_door_that_opens_is_forced() {
            Harness h = Harness.east().lockdown(1_000).settleBolts(1_100).at(1_300);
            assertEquals(DoorStatus.SECURED, h.status("c102"));
            h.apply(new Event.ContactChanged("c102", true), 2_000);
            assertEquals(DoorStatus.FORCED, h.status("c102"));
            assertEquals(Alert.Kind.DOOR_FORCED, h.alerts().getFirst().kind());
        }

        @Test
        void the_panic_button_locks_down_its_scope_and_shares_it_with_the_other_controllers() {
            Harness h = Harness.east().apply(new Event.PanicPressed("panic-office"), 1_000);
            assertEquals(Mode.LOCKDOWN, h.mode("east"));
            assertEquals(Mode.LOCKDOWN, h.mode("west"));
            assertEquals(Set.of("c101", "c102", "x1"), lockedDoors(h.drives()));
            ShareRequest share = h.last.stream().filter(ShareRequest.class::isInstance).map(ShareRequest.class::cast)
                    .findFirst().orElseThrow();
            assertEquals(new Source.PanicButton("panic-office"), share.request().source());
            // The other controller acts on the shared request by itself.
            Harness west = new Harness(TestSites.small(), "west-ctl").apply(share.request(), 1_010);
            assertEquals(Set.of("c201"), lockedDoors(west.drives()));
        }
    }

    @Nested
    class Secure {
        @Test
        void locks_only_the_perimeter() {
            Harness h = Harness.east().request("s1", Mode.SECURE, Scope.SITE, false, "office", 1_000);
            assertEquals(Set.of("x1"), lockedDoors(h.drives()));
            assertFalse(h.door("c101").lockCommanded());
        }

        @Test
        void escalates_to_lockdown_and_a_step_down_to_secure_keeps_classrooms_locked_where_the_plan_says_so() {
            ResponsePlan stay = ResponsePlan.standard().withStepDown(DoorRole.CLASSROOM, StepDown.STAY_LOCKED);
            Harness h = new Harness(TestSites.small(stay), "east-ctl")
                    .request("s1", Mode.SECURE, Scope.SITE, false, "office", 1_000)
                    .request("l1", Mode.LOCKDOWN, Scope.SITE, false, "office", 2_000);
            assertEquals(Set.of("c101", "c102"), lockedDoors(h.drives()));
            h.request("s2", Mode.SECURE, Scope.SITE, false, "principal", 3_000);
            assertTrue(h.reply().accepted());
            assertTrue(h.drives().isEmpty(), "stay-locked: classrooms stay as the lockdown left them: " + h.drives());
            assertEquals(Mode.SECURE, h.mode("east"));
        }
    }

    static Stream<Arguments> whoMayEndALockdown() {
        return Stream.of(
                Arguments.of(new Source.Operator("principal"), true, "accepted"),
                Arguments.of(new Source.Operator("office"), false, "may not give the ALL CLEAR"),
                Arguments.of(new Source.Operator("janitor"), false, "may not give the ALL CLEAR"),
                Arguments.of(new Source.Operator("stranger"), false, "unknown operator"),
                Arguments.of(new Source.PanicButton("panic-office"), false, "may only start a LOCKDOWN"),
                Arguments.of(new Source.Detector("wd-auto"), false, "may not start this"));
    }

    @ParameterizedTest(name = "{0} ending a lockdown: accepted={1}")
    @MethodSource("whoMayEndALockdown")
    void only_an_operator_allowed_to_give_the_all_clear_ends_a_lockdown(Source source, boolean accepted,
            String reason) {
        Harness h = Harness.east().lockdown(1_000).settleBolts(1_100);
        h.apply(new Event.ModeRequested("ac", Mode.NORMAL, Scope.SITE, false, source, "test"), 5_000);
        if (source instanceof Source.Operator) {
            assertEquals(accepted, h.reply().accepted());
            if (!accepted) {
                assertTrue(h.reply().reason().contains(reason), h.reply().reason());
            }
        }
        assertEquals(accepted ? Mode.NORMAL : Mode.LOCKDOWN, h.mode("east"));
        assertEquals(accepted, h.drives().stream().anyMatch(d -> !d.lock()));
    }

    static Stream<Arguments> eventsDuringALockdown() {
        return Stream.of(
                Arguments.of("a door opening", new Event.ContactChanged("c101", true)),
                Arguments.of("a bolt retracting", new Event.BoltChanged("c101", false)),
                Arguments.of("a relay fault", new Event.DeviceFaulted("c101", "relay write failed")),
                Arguments.of("a fault clearing", new Event.DeviceRecovered("c101")),
                Arguments.of("the panic button again", new Event.PanicPressed("panic-office")),
                Arguments.of("a weapon detection", new Event.WeaponDetected("wd-auto", "lane1", 99, "Main")),
                Arguments.of("time passing", new Event.TimeAdvanced()),
                Arguments.of("a restart", new Event.ControllerStarted()),
                Arguments.of("a step down by the front office", new Event.ModeRequested("x", Mode.SECURE, Scope.SITE,
                        false, new Source.Operator("office"), "")),
                Arguments.of("an all clear for a zone by the front office", new Event.ModeRequested("y", Mode.NORMAL,
                        Scope.zone("east"), false, new Source.Operator("office"), "")),
                Arguments.of("a drill request", new Event.ModeRequested("z", Mode.LOCKDOWN, Scope.SITE, true,
                        new Source.Operator("principal"), "")),
                Arguments.of("a fire alarm (classrooms hold by policy)", new Event.FireAlarmChanged("fire-east", true)),
                Arguments.of("an unknown device", new Event.ContactChanged("nope", true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventsDuringALockdown")
    void nothing_unlocks_a_classroom_during_a_lockdown_but_an_authorised_all_clear(String what, Event event) {
        Harness h = Harness.east().lockdown(1_000).settleBolts(1_100);
        int from = h.all.size();
        h.apply(event, 2_000).at(20_000);
        for (Command c : h.all.subList(from, h.all.size())) {
            if (c instanceof DriveLock d && !d.lock()) {
                assertFalse(d.doorId().startsWith("c"), "unlocked " + d + " after " + what);
            }
        }
        assertTrue(h.door("c101").lockCommanded());
        assertTrue(h.door("c102").lockCommanded());
        assertEquals(Mode.LOCKDOWN, h.mode("east"));
    }

    @Test
    void all_clear_returns_each_door_to_its_normal_plan_not_blindly_to_unlocked() {
        ResponsePlan plan = ResponsePlan.standard().with(Mode.NORMAL, DoorRole.EXTERIOR, DoorAction.LOCK);
        Harness h = new Harness(TestSites.small(plan), "east-ctl").lockdown(1_000).settleBolts(1_100);
        h.request("ac", Mode.NORMAL, Scope.SITE, false, "principal", 5_000);
        assertEquals(Set.of("c101", "c102"), h.drives().stream().filter(d -> !d.lock()).map(DriveLock::doorId)
                .collect(Collectors.toSet()));
        assertTrue(h.door("x1").lockCommanded(), "the exterior door stays locked as NORMAL says");
        assertTrue(h.drives().getFirst().cause().contains("ALL CLEAR by operator principal"), h.drives().toString());
    }

    @Test
    void a_zone_is_released_on_its_own() {
        Harness h = Harness.east().lockdown(1_000);
        h.request("ac-west", Mode.NORMAL, Scope.zone("west"), false, "principal", 2_000);
        assertEquals(Mode.NORMAL, h.mode("west"));
        assertEquals(Mode.LOCKDOWN, h.mode("east"));
        assertTrue(h.drives().isEmpty(), "no east door changes");
    }

    @Test
    void a_zone_lockdown_touches_only_that_zone() {
        Harness h = Harness.east().request("lw", Mode.LOCKDOWN, Scope.zone("west"), false, "office", 1_000);
        assertTrue(h.drives().isEmpty());
        assertEquals(Mode.NORMAL, h.mode("east"));
        h.request("bad", Mode.LOCKDOWN, Scope.zone("north"), false, "office", 1_100);
        assertFalse(h.reply().accepted());
        assertTrue(h.reply().reason().contains("unknown zone 'north'"));
    }

    @Nested
    class Fire_alarm {
        @Test
        void releases_only_the_roles_the_site_chose_and_relocks_them_when_it_clears() {
            Harness h = Harness.east().lockdown(1_000).settleBolts(1_100);
            h.apply(new Event.FireAlarmChanged("fire-east", true), 2_000);
            assertEquals(List.of(new DriveLock("x1", false, "fire alarm: site fire policy releases EXTERIOR")),
                    h.drives());
            assertEquals(Mode.LOCKDOWN, h.mode("east"), "the mode does not change");
            h.apply(new Event.FireAlarmChanged("fire-east", false), 3_000);
            assertEquals(List.of(new DriveLock("x1", true, "fire alarm cleared")), h.drives());
        }
    }

    @Nested
    class Drills {
        @Test
        void are_tagged_in_door_views_and_alerts() {
            Harness h = Harness.east().apply(new Event.ContactChanged("c101", true), 500)
                    .request("d1", Mode.LOCKDOWN, Scope.SITE, true, "office", 1_000);
            assertTrue(h.state.zone("east").drill());
            assertTrue(h.alerts().getFirst().drill());
            assertTrue(h.last.stream().filter(Command.PublishDoor.class::isInstance)
                    .allMatch(c -> ((Command.PublishDoor) c).door().drill()));
        }

        @Test
        void a_real_event_during_a_drill_makes_it_real_at_once() {
            Harness h = Harness.east().request("d1", Mode.LOCKDOWN, Scope.SITE, true, "office", 1_000)
                    .apply(new Event.PanicPressed("panic-office"), 2_000);
            assertFalse(h.state.zone("east").drill());
            assertEquals(new Source.PanicButton("panic-office"), h.state.zone("east").trigger().orElseThrow());
        }

        @Test
        void a_drill_cannot_start_over_a_real_event_and_a_drill_leader_cannot_end_a_real_one() {
            Harness h = Harness.east().request("s", Mode.SECURE, Scope.SITE, false, "office", 1_000)
                    .request("d", Mode.LOCKDOWN, Scope.SITE, true, "office", 2_000);
            assertFalse(h.reply().accepted());
            assertEquals(Mode.SECURE, h.mode("east"));
            h.request("end", Mode.NORMAL, Scope.SITE, false, "office", 3_000);
            assertFalse(h.reply().accepted());
        }

        @Test
        void a_drill_leader_ends_a_drill() {
            Harness h = Harness.east().request("d", Mode.LOCKDOWN, Scope.SITE, true, "office", 1_000)
                    .request("end", Mode.NORMAL, Scope.SITE, false, "office", 2_000);
            assertTrue(h.reply().accepted(), h.reply().reason());
            assertEquals(Mode.NORMAL, h.mode("east"));
        }
    }

    @Nested
    class Weapon_detection {
        @Test
        void an_auto_lockdown_detector_above_its_threshold_locks_down_and_alerts_where() {
            Harness h = Harness.east().apply(new Event.WeaponDetected("wd-auto", "lane-1", 91, "Main entrance lane 1"),
                    1_000);
            assertEquals(Mode.LOCKDOWN, h.mode("west"));
            Alert a = h.alerts().getFirst();
            assertEquals(Alert.Kind.WEAPON_DETECTED, a.kind());
            assertEquals("Main entrance lane 1", a.room());
            assertEquals("east", a.zone());
        }

        static Stream<Arguments> detectionsThatOnlyAlert() {
            return Stream.of(Arguments.of("wd-auto", 79), Arguments.of("wd-alert", 100));
        }

        @ParameterizedTest(name = "{0} at {1}%")
        @MethodSource("detectionsThatOnlyAlert")
        void below_threshold_or_alert_only_raises_an_alert_and_nothing_else(String detector, int confidence) {
            Harness h = Harness.east().apply(new Event.WeaponDetected(detector, "s", confidence, "Side"), 1_000);
            assertEquals(Mode.NORMAL, h.mode("east"));
            assertTrue(h.drives().isEmpty());
            assertEquals(Alert.Kind.WEAPON_DETECTED, h.alerts().getFirst().kind());
        }

        @Test
        void a_silent_detector_is_reported_offline_once() {
            Harness h = Harness.east().apply(new Event.DeviceFaulted("wd-auto", "no heartbeat for 5000 ms"), 1_000);
            assertEquals(Alert.Kind.DETECTOR_OFFLINE, h.alerts().getFirst().kind());
            h.apply(new Event.DeviceFaulted("wd-auto", "no heartbeat for 5000 ms"), 2_000);
            assertTrue(h.alerts().isEmpty());
        }
    }

    @Nested
    class Faults_are_visible {
        @Test
        void a_device_fault_on_a_door_is_its_status_and_an_alert() {
            Harness h = Harness.east().apply(new Event.DeviceFaulted("c102", "relay write failed"), 1_000);
            assertEquals(DoorStatus.FAULT, h.status("c102"));
            assertEquals(Alert.Kind.DOOR_FAULT, h.alerts().getFirst().kind());
            h.apply(new Event.DeviceRecovered("c102"), 2_000);
            assertEquals(DoorStatus.UNLOCKED, h.status("c102"));
        }

        @Test
        void a_bolt_reporting_thrown_while_the_door_is_open_is_a_fault_after_the_tolerance() {
            Harness h = Harness.east().apply(new Event.ContactChanged("c101", true), 1_000)
                    .apply(new Event.BoltChanged("c101", true), 1_000);
            assertEquals(DoorStatus.OPEN, h.status("c101"));
            h.at(1_000 + LockdownMachine.SENSOR_DISAGREE_MS + 1);
            assertEquals(DoorStatus.FAULT, h.status("c101"));
        }

        @Test
        void a_bolt_that_stays_thrown_after_an_unlock_is_a_fault() {
            Harness h = Harness.east().lockdown(1_000).settleBolts(1_100);
            h.request("ac", Mode.NORMAL, Scope.SITE, false, "principal", 2_000).at(2_000 + ACTUATION_MS + 1);
            assertEquals(DoorStatus.FAULT, h.status("c101"));
            assertTrue(h.door("c101").detail().contains("after unlock"));
        }

        @Test
        void an_event_from_an_unknown_device_is_reported_not_dropped() {
            Harness h = Harness.east().apply(new Event.ContactChanged("c999", true), 1_000);
            assertEquals(Alert.Kind.DEVICE_FAULT, h.alerts().getFirst().kind());
        }
    }

    @Nested
    class A_peer_controller_s_newer_zone_mode {
        Event.PeerModeSeen peer(Mode mode, boolean drill, long version) {
            return new Event.PeerModeSeen("west-ctl", "east", mode, drill,
                    java.util.Optional.of(new Source.Operator("office")), "missed while offline", version);
        }

        @Test
        void escalates_a_controller_that_missed_the_lockdown_and_locks_its_doors() {
            Harness h = Harness.east().apply(peer(Mode.LOCKDOWN, false, 1), 1_000);
            assertEquals(Mode.LOCKDOWN, h.mode("east"));
            assertEquals(Mode.NORMAL, h.mode("west"), "only the zone the peer published");
            assertEquals(Set.of("c101", "c102", "x1"), lockedDoors(h.drives()));
            assertEquals(new Source.Operator("office"), h.state.zone("east").trigger().orElseThrow());
        }

        static Stream<Arguments> neverLessSevere() {
            return Stream.of(Arguments.of(Mode.NORMAL, false), Arguments.of(Mode.SECURE, false),
                    Arguments.of(Mode.LOCKDOWN, true));
        }

        @ParameterizedTest(name = "{0} drill={1}")
        @MethodSource("neverLessSevere")
        void never_makes_a_real_lockdown_less_severe_or_a_drill(Mode mode, boolean drill) {
            Harness h = Harness.east().lockdown(1_000).settleBolts(1_100);
            h.apply(peer(mode, drill, 5), 2_000);
            assertEquals(Mode.LOCKDOWN, h.mode("east"));
            assertFalse(h.state.zone("east").drill());
            assertTrue(h.drives().isEmpty(), h.drives().toString());
        }

        @Test
        void turns_a_drill_real() {
            Harness h = Harness.east().request("d", Mode.LOCKDOWN, Scope.SITE, true, "office", 1_000)
                    .apply(peer(Mode.LOCKDOWN, false, 2), 2_000);
            assertFalse(h.state.zone("east").drill());
        }

        @Test
        void with_a_version_above_the_bound_is_ignored_and_the_next_lockdown_still_locks() {
            Harness h = Harness.east().apply(peer(Mode.SECURE, false, Long.MAX_VALUE), 1_000);
            assertEquals(Mode.NORMAL, h.mode("east"), "a version out of bounds is forged: nothing adopted");
            h.lockdown(2_000);
            assertEquals(Mode.LOCKDOWN, h.mode("east"));
            assertEquals(Set.of("c101", "c102", "x1"), lockedDoors(h.drives()));
        }

        @Test
        void at_the_version_bound_a_zone_still_changes_and_its_version_saturates() {
            Harness h = Harness.east().apply(peer(Mode.SECURE, false, ZoneMode.MAX_VERSION), 1_000);
            assertEquals(ZoneMode.MAX_VERSION, h.state.zone("east").version());
            h.lockdown(2_000);
            assertEquals(Mode.LOCKDOWN, h.mode("east"), "version + 1 neither overflows nor throws");
            assertEquals(ZoneMode.MAX_VERSION, h.state.zone("east").version());
            assertTrue(h.state.doors().stream().allMatch(DoorState::lockCommanded), h.state.doors().toString());
        }

        @Test
        void from_a_controller_that_missed_the_all_clear_is_stale_and_ignored() {
            Harness h = Harness.east().lockdown(1_000)
                    .request("ac", Mode.NORMAL, Scope.SITE, false, "principal", 2_000);
            assertEquals(2, h.state.zone("east").version());
            h.apply(peer(Mode.LOCKDOWN, false, 1), 3_000);
            assertEquals(Mode.NORMAL, h.mode("east"), "the stale peer's old lockdown does not re-lock the site");
            assertTrue(h.drives().isEmpty());
        }
    }

    @Test
    void a_request_seen_before_is_answered_the_same_and_changes_nothing() {
        Harness h = Harness.east().lockdown(1_000).settleBolts(1_100).at(1_500);
        h.request("ld-1000", Mode.LOCKDOWN, Scope.SITE, false, "office", 2_000);
        assertEquals(1, h.last.size(), h.last.toString());
        assertTrue(h.reply().accepted());
        h.request("ac", Mode.NORMAL, Scope.SITE, false, "principal", 3_000)
                .request("ld-1000", Mode.LOCKDOWN, Scope.SITE, false, "office", 4_000);
        assertEquals(Mode.NORMAL, h.mode("east"), "a replayed lockdown id does not lock again");
    }

    @Test
    void an_id_reused_for_a_different_command_is_refused_never_answered_with_the_old_result() {
        Harness h = Harness.east().request("console-1", Mode.LOCKDOWN, Scope.SITE, false, "principal", 1_000);
        assertTrue(h.reply().accepted());
        h.request("console-1", Mode.NORMAL, Scope.SITE, false, "principal", 2_000);
        assertFalse(h.reply().accepted(), h.reply().toString());
        assertTrue(h.reply().reason().contains("already used for a different command"), h.reply().reason());
        assertEquals(Mode.LOCKDOWN, h.mode("east"), "the reused id changed nothing");
        h.request("console-1", Mode.LOCKDOWN, Scope.SITE, false, "principal", 3_000);
        assertTrue(h.reply().accepted(), "the original request, repeated, is still answered as before");
    }

    @Test
    void an_id_reused_after_a_restart_is_refused_too_the_memory_is_rebuilt_by_replay() {
        List<Event> journal = List.of(new Event.ModeRequested("console-1", Mode.LOCKDOWN, Scope.SITE, false,
                new Source.Operator("principal"), "test"));
        Harness replayed = Harness.east();
        for (Event e : journal) {
            replayed.apply(e, 1_000);
        }
        replayed.apply(new Event.ControllerStarted(), 5_000)
                .request("console-1", Mode.NORMAL, Scope.SITE, false, "principal", 6_000);
        assertFalse(replayed.reply().accepted(), replayed.reply().toString());
        assertEquals(Mode.LOCKDOWN, replayed.mode("east"));
    }

    @Test
    void a_restart_re_asserts_every_relay_and_publishes_every_zone_and_door() {
        Harness h = Harness.east().lockdown(1_000).apply(new Event.ControllerStarted(), 2_000);
        assertEquals(Set.of("c101", "c102", "x1"), lockedDoors(h.drives()));
        assertEquals(2, h.last.stream().filter(Command.PublishZone.class::isInstance).count());
        assertEquals(3, h.last.stream().filter(Command.PublishDoor.class::isInstance).count());
    }

    @Test
    void the_next_deadline_is_the_end_of_the_actuation_time_or_the_grace_time() {
        Harness h = Harness.east().lockdown(1_000);
        assertEquals(1_000 + ACTUATION_MS + 1, h.machine.nextDeadlineMs(h.state).orElseThrow());
        h.settleBolts(1_050).at(1_000 + ACTUATION_MS).apply(new Event.ContactChanged("c101", true), 5_000)
                .apply(new Event.ContactChanged("c101", false), 5_100).settleBolts(5_150);
        h.apply(new Event.ContactChanged("c102", false), 5_200);
        assertTrue(h.machine.nextDeadlineMs(h.state).isEmpty() || h.machine.nextDeadlineMs(h.state).getAsLong() > 5_200);
    }

    @Test
    void the_same_events_at_the_same_times_give_the_same_commands() {
        List<Event> events = List.of(new Event.ContactChanged("c101", true), new Event.PanicPressed("panic-office"),
                new Event.BoltChanged("x1", true), new Event.FireAlarmChanged("fire-east", true),
                new Event.TimeAdvanced(), new Event.ModeRequested("ac", Mode.NORMAL, Scope.SITE, false,
                        new Source.Operator("principal"), "done"));
        List<Command> first = run(events);
        assertEquals(first, run(events));
        assertFalse(first.isEmpty());
    }

    private static List<Command> run(List<Event> events) {
        Harness h = Harness.east();
        long t = 100;
        for (Event e : events) {
            h.apply(e, t += 7_000);
        }
        return h.all;
    }

    @Test
    void a_response_plan_may_not_unlock_anything_because_a_lockdown_started() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResponsePlan.standard().with(Mode.LOCKDOWN, DoorRole.GYM, DoorAction.UNLOCK));
        assertTrue(e.getMessage().contains("plan.LOCKDOWN.GYM"));
    }
}
