package org.lockstep.controller.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockstep.controller.core.TestSites.ACTUATION_MS;
import static org.lockstep.controller.core.TestSites.GRACE_MS;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven edges of the core, one row per boundary: each row is the last millisecond before a timer and the
 * first after it, or the value at a threshold and one below. Written against {@link LockdownMachine#apply} so they
 * hold whatever the core looks like inside; they pin what mutation testing found unpinned (docs/SAFETY.md).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CoreTableTest {
    private static final long T = 1_000;

    // ---- Timers expire strictly after their time -------------------------------------------------------------

    /** A scenario: what to do to a fresh east controller, then the door to look at and when. */
    record Timer(String name, UnaryOperator<Harness> given, String door, long atMs, DoorStatus expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Harness lockdownAt(Harness h) {
        return h.lockdown(T);
    }

    static Stream<Timer> timers() {
        UnaryOperator<Harness> lockdown = CoreTableTest::lockdownAt;
        UnaryOperator<Harness> openInNormal = h -> h.apply(new Event.ContactChanged("c101", true), T);
        UnaryOperator<Harness> openWithBolt = h -> h.apply(new Event.ContactChanged("c101", true), T)
                .apply(new Event.BoltChanged("c101", true), T);
        UnaryOperator<Harness> boltStaysAfterUnlock = h -> h.lockdown(T).settleBolts(T + 50)
                .request("ac", Mode.NORMAL, Scope.SITE, false, "principal", 2 * T);
        // Closing a door restarts the actuation time: the latch needs it to catch.
        UnaryOperator<Harness> closedDuringLockdown = h -> h.apply(new Event.ContactChanged("c102", true), T / 2)
                .lockdown(T).apply(new Event.ContactChanged("c102", false), 3 * T);
        // A bolt disagreement that starts at 0 ms is a real one (0 is a time, -1 means none); a second report keeps it.
        UnaryOperator<Harness> openWithBoltAtZero = h -> h.apply(new Event.ContactChanged("c101", true), 0)
                .apply(new Event.BoltChanged("c101", true), 0).apply(new Event.BoltChanged("c101", true), T / 2);
        return Stream.of(
                new Timer("bolt thrown on a door open since 0 ms: tolerated at the limit", openWithBoltAtZero, "c101",
                        LockdownMachine.SENSOR_DISAGREE_MS, DoorStatus.OPEN),
                new Timer("bolt thrown on a door open since 0 ms: a fault just after it", openWithBoltAtZero, "c101",
                        LockdownMachine.SENSOR_DISAGREE_MS + 1, DoorStatus.FAULT),
                new Timer("no feedback: locking at the actuation time", lockdown, "c102", T + ACTUATION_MS,
                        DoorStatus.UNLOCKED),
                new Timer("no feedback: secured just after it", lockdown, "c102", T + ACTUATION_MS + 1,
                        DoorStatus.SECURED),
                new Timer("bolt feedback: locking at the actuation time", lockdown, "c101", T + ACTUATION_MS,
                        DoorStatus.UNLOCKED),
                new Timer("bolt feedback: failed to secure just after it", lockdown, "c101", T + ACTUATION_MS + 1,
                        DoorStatus.FAILED_TO_SECURE),
                new Timer("open at the grace time", openInNormal, "c101", T + GRACE_MS, DoorStatus.OPEN),
                new Timer("propped just after it", openInNormal, "c101", T + GRACE_MS + 1, DoorStatus.PROPPED),
                new Timer("bolt thrown on an open door: tolerated at the limit", openWithBolt, "c101",
                        T + LockdownMachine.SENSOR_DISAGREE_MS, DoorStatus.OPEN),
                new Timer("bolt thrown on an open door: a fault just after it", openWithBolt, "c101",
                        T + LockdownMachine.SENSOR_DISAGREE_MS + 1, DoorStatus.FAULT),
                new Timer("bolt still thrown at the actuation time after an unlock", boltStaysAfterUnlock, "c101",
                        2 * T + ACTUATION_MS, DoorStatus.UNLOCKED),
                new Timer("bolt still thrown just after it: a fault", boltStaysAfterUnlock, "c101",
                        2 * T + ACTUATION_MS + 1, DoorStatus.FAULT),
                new Timer("closed in a lockdown: locking until the actuation time from the close", closedDuringLockdown,
                        "c102", 3 * T + ACTUATION_MS, DoorStatus.UNLOCKED),
                new Timer("closed in a lockdown: secured just after it", closedDuringLockdown, "c102",
                        3 * T + ACTUATION_MS + 1, DoorStatus.SECURED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timers")
    void a_timer_expires_strictly_after_its_time(Timer t) {
        Harness h = t.given().apply(Harness.east()).at(t.atMs());
        assertEquals(t.expected(), h.status(t.door()), h.door(t.door()).toString());
    }

    // ---- When the core asks to be woken -----------------------------------------------------------------------

    static Stream<Arguments> deadlines() {
        return Stream.of(
                Arguments.of("nothing running", (UnaryOperator<Harness>) h -> h, OptionalLong.empty()),
                Arguments.of("a lock's actuation time", (UnaryOperator<Harness>) h -> h.lockdown(T),
                        OptionalLong.of(T + ACTUATION_MS + 1)),
                Arguments.of("an open door's grace time", (UnaryOperator<Harness>) h ->
                        h.apply(new Event.ContactChanged("c101", true), T), OptionalLong.of(T + GRACE_MS + 1)),
                Arguments.of("a bolt disagreeing with an open door", (UnaryOperator<Harness>) h ->
                        h.apply(new Event.ContactChanged("c101", true), T).apply(new Event.BoltChanged("c101", true), T),
                        OptionalLong.of(T + LockdownMachine.SENSOR_DISAGREE_MS + 1)),
                Arguments.of("a bolt that should have withdrawn", (UnaryOperator<Harness>) h -> h.lockdown(T)
                        .settleBolts(T + 50).at(T + ACTUATION_MS + 1).request("ac", Mode.NORMAL, Scope.SITE, false,
                                "principal", 2 * T),
                        OptionalLong.of(2 * T + ACTUATION_MS + 1)),
                Arguments.of("a bolt disagreeing with a door open since 0 ms", (UnaryOperator<Harness>) h ->
                        h.apply(new Event.ContactChanged("c101", true), 0).apply(new Event.BoltChanged("c101", true), 0),
                        OptionalLong.of(LockdownMachine.SENSOR_DISAGREE_MS + 1)),
                Arguments.of("a timer that fired at the last event is not asked for again", (UnaryOperator<Harness>) h ->
                        h.apply(new Event.ContactChanged("c101", true), T).apply(new Event.BoltChanged("c101", true), T)
                                .at(T + LockdownMachine.SENSOR_DISAGREE_MS + 1), OptionalLong.of(T + GRACE_MS + 1)),
                Arguments.of("a propped door: no more timers", (UnaryOperator<Harness>) h ->
                        h.apply(new Event.ContactChanged("c101", true), T).at(T + GRACE_MS + 1), OptionalLong.empty()),
                Arguments.of("a forced door: no propped timer", (UnaryOperator<Harness>) h -> h.lockdown(T)
                        .settleBolts(T + 50).at(T + ACTUATION_MS + 1).apply(new Event.BoltChanged("c101", false), 2 * T)
                        .apply(new Event.BoltChanged("x1", false), 2 * T)
                        .apply(new Event.ContactChanged("c102", true), 2 * T),
                        OptionalLong.empty()),
                Arguments.of("a faulted open door: none", (UnaryOperator<Harness>) h ->
                        h.apply(new Event.DeviceFaulted("c101", "contact wire cut"), T)
                                .apply(new Event.ContactChanged("c101", true), T), OptionalLong.empty()),
                Arguments.of("secured and failed doors: none", (UnaryOperator<Harness>) h -> h.lockdown(T)
                        .at(T + ACTUATION_MS + 1), OptionalLong.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deadlines")
    void the_next_deadline_is_the_first_timer_still_running(String what, UnaryOperator<Harness> given,
            OptionalLong expected) {
        Harness h = given.apply(Harness.east());
        assertEquals(expected, h.machine.nextDeadlineMs(h.state));
    }

    // ---- Doors opening and closing ----------------------------------------------------------------------------

    @Test
    void only_a_secured_door_that_opens_is_forced_and_closing_it_ends_that() {
        Harness h = Harness.east().lockdown(T).at(T + ACTUATION_MS + 1);
        assertEquals(DoorStatus.SECURED, h.status("c102"));
        h.apply(new Event.ContactChanged("c102", true), 2 * T);
        assertEquals(DoorStatus.FORCED, h.status("c102"));
        assertTrue(h.door("c102").forced());
        h.apply(new Event.ContactChanged("c102", false), 3 * T);
        assertFalse(h.door("c102").forced());
        // A door opened while merely locking is open, not forced.
        Harness g = Harness.east().lockdown(T).apply(new Event.ContactChanged("c102", true), T + 1);
        assertEquals(DoorStatus.OPEN, g.status("c102"));
        assertFalse(g.door("c102").forced());
    }

    @Test
    void a_door_remembers_when_it_opened_not_when_it_closed() {
        Harness h = Harness.east().apply(new Event.ContactChanged("c101", true), T)
                .apply(new Event.ContactChanged("c101", false), 2 * T);
        assertEquals(T, h.door("c101").openedAtMs());
        assertFalse(h.door("c101").open());
        assertEquals(-1, h.door("c101").boltDisagreeSinceMs());
    }

    @Test
    void a_bolt_disagreement_starts_when_the_door_opens_on_a_thrown_bolt_and_ends_when_it_closes() {
        Harness h = Harness.east().lockdown(T).settleBolts(T + 50).apply(new Event.ContactChanged("c101", true), 2 * T);
        assertEquals(2 * T, h.door("c101").boltDisagreeSinceMs());
        h.apply(new Event.ContactChanged("c101", false), 3 * T);
        assertEquals(-1, h.door("c101").boltDisagreeSinceMs());
        // A door already open whose bolt then reports thrown keeps the first time it disagreed.
        h.apply(new Event.ContactChanged("c101", true), 4 * T).apply(new Event.BoltChanged("c101", true), 4 * T + 10);
        assertEquals(4 * T, h.door("c101").boltDisagreeSinceMs());
    }

    // ---- Severity ----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} more severe than {1}: {2}")
    @CsvSource({
            "NORMAL, NORMAL, false", "NORMAL, SECURE, false", "NORMAL, LOCKDOWN, false",
            "SECURE, NORMAL, true", "SECURE, SECURE, false", "SECURE, LOCKDOWN, false",
            "LOCKDOWN, NORMAL, true", "LOCKDOWN, SECURE, true", "LOCKDOWN, LOCKDOWN, false"})
    void severity_is_strictly_ordered(Mode a, Mode b, boolean expected) {
        assertEquals(expected, a.moreSevereThan(b));
    }

    // ---- Peers -------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "peer version {0} against local version 1: adopted={1}")
    @CsvSource({"1, false", "2, true"})
    void a_peer_mode_is_news_only_with_a_higher_version(long peerVersion, boolean adopted) {
        Harness h = Harness.east().request("s", Mode.SECURE, Scope.zone("east"), false, "office", T);
        assertEquals(1, h.state.zone("east").version());
        h.apply(new Event.PeerModeSeen("west-ctl", "east", Mode.LOCKDOWN, false,
                Optional.of(new Source.Operator("office")), "", peerVersion), 2 * T);
        assertEquals(adopted ? Mode.LOCKDOWN : Mode.SECURE, h.mode("east"));
        assertEquals(adopted, !h.drives().isEmpty());
        assertEquals(adopted ? peerVersion : 1, h.state.zone("east").version());
    }

    @Test
    void a_controller_ignores_its_own_zone_mode_and_unknown_zones() {
        Harness h = Harness.east().apply(new Event.PeerModeSeen("east-ctl", "east", Mode.LOCKDOWN, false,
                Optional.empty(), "", 5), T);
        assertEquals(Mode.NORMAL, h.mode("east"));
        h.apply(new Event.PeerModeSeen("west-ctl", "nowhere", Mode.LOCKDOWN, false, Optional.empty(), "", 5), T);
        assertTrue(h.last.isEmpty(), h.last.toString());
    }

    // ---- Weapon detection threshold ----------------------------------------------------------------------------

    @ParameterizedTest(name = "confidence {0}% against a threshold of 80%: lockdown={1}")
    @CsvSource({"79, false", "80, true", "100, true"})
    void a_detection_locks_down_from_its_threshold_up(int confidence, boolean lockdown) {
        Harness h = Harness.east().apply(new Event.WeaponDetected("wd-auto", "lane1", confidence, ""), T);
        assertEquals(lockdown ? Mode.LOCKDOWN : Mode.NORMAL, h.mode("east"));
        Alert alert = h.alerts().getFirst();
        assertEquals(Alert.Kind.WEAPON_DETECTED, alert.kind());
        assertEquals("Main entrance", alert.room(), "the site file's location when the frame names none");
        assertTrue(alert.detail().contains(lockdown ? "starting LOCKDOWN" : "below 80%"), alert.detail());
    }

    // ---- Fire alarm alerts -------------------------------------------------------------------------------------

    @Test
    void a_fire_alarm_raises_one_alert_when_it_starts_and_one_when_it_clears() {
        Harness h = Harness.east().apply(new Event.FireAlarmChanged("fire-east", true), T);
        assertEquals(List.of(Alert.Kind.FIRE_ALARM), h.alerts().stream().map(Alert::kind).toList());
        assertEquals("fire-east", h.alerts().getFirst().subjectId());
        h.apply(new Event.FireAlarmChanged("fire-east", true), 2 * T);
        assertTrue(h.alerts().isEmpty(), "still the same alarm: " + h.alerts());
        h.apply(new Event.FireAlarmChanged("fire-east", false), 3 * T);
        assertEquals(List.of(Alert.Kind.FIRE_ALARM_CLEARED), h.alerts().stream().map(Alert::kind).toList());
        assertTrue(h.state.activeFireAlarms().isEmpty());
    }

    @Test
    void a_fire_alarm_during_a_drill_is_tagged_as_one_and_releases_with_its_cause() {
        Harness h = Harness.east().request("d", Mode.LOCKDOWN, Scope.SITE, true, "office", T).settleBolts(T + 50)
                .apply(new Event.FireAlarmChanged("fire-east", true), 2 * T);
        assertTrue(h.alerts().getFirst().drill());
        assertEquals(List.of(new Command.DriveLock("x1", false, "fire alarm: site fire policy releases EXTERIOR")),
                h.drives());
        assertEquals(DoorStatus.UNLOCKED, h.status("x1"));
        assertEquals(LockdownMachine.FIRE_RELEASED, h.door("x1").detail(), "the cause is in the door's status");
        assertEquals("", h.door("c101").detail());
        h.apply(new Event.FireAlarmChanged("fire-east", false), 3 * T);
        assertEquals(List.of(new Command.DriveLock("x1", true, "fire alarm cleared")), h.drives());
    }

    // ---- Lock tests are idempotent -----------------------------------------------------------------------------

    @Test
    void a_lock_test_seen_before_is_answered_the_same_and_changes_nothing() {
        Event.LockTestRequested lock = new Event.LockTestRequested("t1", "c101", true, new Source.Operator("office"));
        Harness h = Harness.east().apply(lock, T);
        Command.Reply first = h.reply();
        h.apply(new Event.LockTestRequested("t2", "c101", false, new Source.Operator("office")), 2 * T);
        assertFalse(h.door("c101").lockCommanded());
        h.apply(lock, 3 * T);
        assertEquals(List.of(first), h.last, "the same reply and nothing else");
        assertFalse(h.door("c101").lockCommanded(), "a repeated test request does not lock again");
    }

    @Test
    void a_lock_test_is_refused_while_a_fire_alarm_is_active_and_for_an_unknown_door() {
        Harness h = Harness.east().apply(new Event.FireAlarmChanged("fire-east", true), T)
                .apply(new Event.LockTestRequested("t1", "c101", true, new Source.Operator("principal")), 2 * T);
        assertFalse(h.reply().accepted());
        assertTrue(h.reply().reason().contains("fire alarm"), h.reply().reason());
        h.apply(new Event.LockTestRequested("t2", "nope", true, new Source.Operator("principal")), 3 * T);
        assertEquals(Alert.Kind.DEVICE_FAULT, h.alerts().getFirst().kind());
    }

    // ---- Guards: a drill never overrides a real event; a device starts only its own LOCKDOWN --------------------

    static Stream<Arguments> drillsOverReal() {
        Event.ModeRequested drillLockdown = new Event.ModeRequested("d", Mode.LOCKDOWN, Scope.SITE, true,
                new Source.Operator("principal"), "");
        Event.ModeRequested drillSecure = new Event.ModeRequested("d", Mode.SECURE, Scope.SITE, true,
                new Source.Operator("principal"), "");
        Event.PeerModeSeen peerDrill = new Event.PeerModeSeen("west-ctl", "east", Mode.LOCKDOWN, true,
                Optional.of(new Source.Operator("principal")), "", 9);
        return Stream.of(
                Arguments.of("a drill LOCKDOWN over a real SECURE", Mode.SECURE, drillLockdown),
                Arguments.of("a drill SECURE stepping down a real LOCKDOWN", Mode.LOCKDOWN, drillSecure),
                Arguments.of("a peer's drill LOCKDOWN over a real SECURE", Mode.SECURE, peerDrill));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("drillsOverReal")
    void a_drill_never_overrides_a_real_event(String what, Mode real, Event drill) {
        Harness h = Harness.east().request("r", real, Scope.SITE, false, "principal", T).settleBolts(T + 50);
        h.apply(drill, 2 * T);
        assertEquals(real, h.mode("east"), what);
        assertFalse(h.state.zone("east").drill(), what);
        assertTrue(h.drives().isEmpty(), h.drives().toString());
        if (drill instanceof Event.ModeRequested) {
            assertFalse(h.reply().accepted(), h.reply().toString());
            assertTrue(h.reply().reason().contains("real " + real + " in progress"), h.reply().reason());
        }
    }

    static Stream<Arguments> devicesOutOfScope() {
        Source gym = new Source.PanicButton("panic-gym"); // scope: zone west
        Source auto = new Source.Detector("wd-auto"); // auto-lockdown, scope: site
        Source alertOnly = new Source.Detector("wd-alert");
        return Stream.of(
                Arguments.of(gym, Mode.LOCKDOWN, Scope.SITE, false),
                Arguments.of(gym, Mode.LOCKDOWN, Scope.zone("east"), false),
                Arguments.of(gym, Mode.SECURE, Scope.zone("west"), false),
                Arguments.of(gym, Mode.LOCKDOWN, Scope.zone("west"), true),
                Arguments.of(auto, Mode.LOCKDOWN, Scope.zone("east"), false),
                Arguments.of(auto, Mode.SECURE, Scope.SITE, false),
                Arguments.of(auto, Mode.LOCKDOWN, Scope.SITE, true),
                Arguments.of(alertOnly, Mode.LOCKDOWN, Scope.SITE, false),
                Arguments.of(new Source.PanicButton("nope"), Mode.LOCKDOWN, Scope.SITE, false));
    }

    @ParameterizedTest(name = "{0} asking {1} of {2}: allowed={3}")
    @MethodSource("devicesOutOfScope")
    void a_panic_button_or_detector_starts_only_a_real_lockdown_of_its_own_scope(Source source, Mode mode, Scope scope,
            boolean allowed) {
        Harness h = Harness.east().apply(new Event.ModeRequested("x", mode, scope, false, source, ""), T);
        Harness d = Harness.east().apply(new Event.ModeRequested("y", mode, scope, true, source, ""), T);
        String zone = scope instanceof Scope.Zone z ? z.zoneId() : "east";
        assertEquals(allowed ? mode : Mode.NORMAL, h.mode(zone), source + " " + mode + " " + scope);
        assertEquals(Mode.NORMAL, d.mode(zone), "a device never starts a drill");
    }

    // ---- What a door's status says ----------------------------------------------------------------------------

    @Test
    void a_propped_door_says_for_how_long_in_seconds() {
        Harness h = Harness.east().apply(new Event.ContactChanged("c101", true), T).at(T + GRACE_MS + 1);
        assertEquals(DoorStatus.PROPPED, h.status("c101"));
        assertEquals("open for over 10 s", h.door("c101").detail());
    }

    @Test
    void each_status_change_is_numbered_and_published_as_the_view_of_the_door() {
        Harness h = Harness.east();
        long seq = h.door("c102").seq();
        h.lockdown(T);
        assertEquals(DoorStatus.UNLOCKED, h.status("c102"));
        assertEquals("locking", h.door("c102").detail());
        assertEquals(seq + 1, h.door("c102").seq());
        h.at(T + ACTUATION_MS + 1);
        assertEquals(DoorStatus.SECURED, h.status("c102"));
        assertEquals(seq + 2, h.door("c102").seq());
        int i = h.machine.indexOf("c102").orElseThrow();
        DoorView view = h.machine.view(h.state, i);
        assertEquals(new DoorView("c102", "Room 102", "east", DoorRole.CLASSROOM, DoorStatus.SECURED, false, true,
                T + ACTUATION_MS + 1, seq + 2, "", false), view);
        assertTrue(h.last.contains(new Command.PublishDoor(view)), h.last.toString());
    }

    // ---- What an adopted peer mode says -----------------------------------------------------------------------

    @ParameterizedTest(name = "drill={0}, reason ''{1}''")
    @CsvSource(value = {
            "true, '', principal, (seen from controller west-ctl), LOCKDOWN drill seen from controller west-ctl (started by operator principal)",
            "false, intruder, '', intruder (seen from controller west-ctl), LOCKDOWN seen from controller west-ctl"})
    void an_adopted_peer_mode_keeps_its_drill_flag_and_says_where_it_came_from(boolean drill, String reason,
            String operator, String zoneReason, String cause) {
        Optional<Source> trigger = operator.isEmpty() ? Optional.empty() : Optional.of(new Source.Operator(operator));
        Harness h = Harness.east().apply(new Event.PeerModeSeen("west-ctl", "east", Mode.LOCKDOWN, drill, trigger,
                reason, 3), T);
        assertEquals(Mode.LOCKDOWN, h.mode("east"));
        assertEquals(drill, h.state.zone("east").drill());
        assertEquals(zoneReason, h.state.zone("east").reason());
        assertEquals(trigger, h.state.zone("east").trigger());
        assertEquals(3, h.state.zone("east").version());
        assertEquals(3, h.drives().size());
        h.drives().forEach(d -> assertEquals(new Command.DriveLock(d.doorId(), true, cause), d));
    }

    // ---- Fire alarm: what the alerts say ----------------------------------------------------------------------

    @Test
    void a_real_fire_alarm_is_not_tagged_as_a_drill_and_its_alerts_say_what_the_doors_do() {
        Harness h = Harness.east();
        assertFalse(h.state.fireAlarmActive());
        h.apply(new Event.FireAlarmChanged("fire-east", true), T);
        assertTrue(h.state.fireAlarmActive());
        assertEquals(List.of(new Alert(Alert.Kind.FIRE_ALARM, "fire-east", "", "",
                "fire alarm active: doors follow the site fire policy", false)), h.alerts());
        h.apply(new Event.FireAlarmChanged("fire-east", false), 2 * T);
        assertFalse(h.state.fireAlarmActive());
        assertEquals(List.of(new Alert(Alert.Kind.FIRE_ALARM_CLEARED, "fire-east", "", "",
                "fire alarm cleared: doors return to their mode's plan", false)), h.alerts());
    }

    // ---- Devices that are not doors: faults and recoveries ----------------------------------------------------

    static Stream<Arguments> recoveries() {
        return Stream.of(
                Arguments.of("wd-auto", true, List.of(new Alert(Alert.Kind.DETECTOR_ONLINE, "wd-auto", "Main entrance",
                        "east", "recovered", false))),
                Arguments.of("fire-east", true, List.of(new Alert(Alert.Kind.DEVICE_FAULT, "fire-east", "", "",
                        "recovered", false))),
                Arguments.of("wd-alert", false, List.of()));
    }

    @ParameterizedTest(name = "{0} faulted before: {1}")
    @MethodSource("recoveries")
    void a_recovery_is_alerted_once_and_only_for_a_device_that_was_faulted(String device, boolean faulted,
            List<Alert> expected) {
        Harness h = Harness.east();
        if (faulted) {
            h.apply(new Event.DeviceFaulted(device, "silent"), T);
            assertEquals(java.util.Map.of(device, "silent"), h.state.faultedDevices());
        }
        h.apply(new Event.DeviceRecovered(device), 2 * T);
        assertEquals(expected, h.alerts());
        assertEquals(java.util.Map.of(), h.state.faultedDevices());
        h.apply(new Event.DeviceRecovered(device), 3 * T);
        assertEquals(List.of(), h.alerts(), "recovered once");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"panic button nope, nope, panic button",
            "another controller's panic button, panic-gym, panic button",
            "detector nope, nope, detector"})
    void a_trigger_from_a_device_this_controller_does_not_have_is_a_fault_not_a_lockdown(String what, String id,
            String kind) {
        Event e = kind.equals("detector") ? new Event.WeaponDetected(id, "s1", 100, "")
                : new Event.PanicPressed(id);
        Harness h = Harness.east().apply(e, T);
        assertEquals(Mode.NORMAL, h.mode("east"), what);
        assertEquals(List.of(new Alert(Alert.Kind.DEVICE_FAULT, id, "", "",
                "event from unknown " + kind + " '" + id + "' on controller east-ctl", false)), h.alerts());
    }

    // ---- Door alerts say where, what and during what ----------------------------------------------------------

    static Stream<Arguments> breaches() {
        return Stream.of(
                Arguments.of((UnaryOperator<Harness>) h -> h.apply(new Event.DeviceFaulted("c101", "wire cut"), T),
                        "c101", "Room 101 (c101, zone east) FAULT: wire cut"),
                Arguments.of((UnaryOperator<Harness>) h -> h.lockdown(T).at(T + ACTUATION_MS + 1), "c101",
                        "Room 101 (c101, zone east) FAILED_TO_SECURE during LOCKDOWN: bolt not thrown 200 ms after lock"),
                Arguments.of((UnaryOperator<Harness>) h -> h.request("d", Mode.LOCKDOWN, Scope.SITE, true, "office", T)
                        .at(T + ACTUATION_MS + 1), "c101",
                        "Room 101 (c101, zone east) FAILED_TO_SECURE during LOCKDOWN drill: bolt not thrown 200 ms after"
                                + " lock"),
                Arguments.of((UnaryOperator<Harness>) h -> h.apply(new Event.ContactChanged("c102", true), T / 2)
                        .lockdown(T), "c102", "Room 102 (c102, zone east) OPEN during LOCKDOWN"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("breaches")
    void a_door_alert_names_room_door_zone_status_mode_and_detail(UnaryOperator<Harness> given, String door,
            String detail) {
        Harness h = given.apply(Harness.east());
        List<Alert> forDoor = h.alerts().stream().filter(a -> a.subjectId().equals(door)).toList();
        assertEquals(1, forDoor.size(), h.alerts().toString());
        assertEquals(detail, forDoor.getFirst().detail());
    }
}
