package org.lockstep.controller.core;

import java.util.EnumSet;
import java.util.List;

/** Small sites for core tests. */
final class TestSites {
    static final long ACTUATION_MS = 200;
    static final long GRACE_MS = 10_000;

    private TestSites() {}

    /**
     * Two controllers, zones east and west. Controller {@code east-ctl}: classroom c101 (bolt feedback), classroom
     * c102 (no bolt feedback), exterior x1 (bolt); controller {@code west-ctl}: classroom c201. Exterior doors
     * unlock on a fire alarm.
     */
    static Site small() {
        return small(ResponsePlan.standard());
    }

    static Site small(ResponsePlan plan) {
        return new Site("Test School", CONTROLLERS,
                List.of(new ZoneSpec("east", "East wing"), new ZoneSpec("west", "West wing")),
                List.of(door("c101", "Room 101", "east", DoorRole.CLASSROOM, "east-ctl", true),
                        door("c102", "Room 102", "east", DoorRole.CLASSROOM, "east-ctl", false),
                        door("x1", "Main entrance", "east", DoorRole.EXTERIOR, "east-ctl", true),
                        door("c201", "Room 201", "west", DoorRole.CLASSROOM, "west-ctl", true)),
                OPERATORS,
                plan,
                firePolicy(),
                List.of(new PanicButtonSpec("panic-office", "east-ctl", "Front office", Scope.SITE),
                        new PanicButtonSpec("panic-gym", "west-ctl", "Gym", Scope.zone("west"))),
                detectors("east"),
                FIRE_ALARMS);
    }

    /**
     * {@link #small()} with two more sources: operator {@code head} may give the ALL CLEAR only, and panic button
     * {@code panic-hall} on {@code east-ctl} locks down zone west, whose doors are all on {@code west-ctl}.
     */
    static Site wider() {
        Site s = small();
        List<OperatorSpec> ops = new java.util.ArrayList<>(s.operators());
        ops.add(new OperatorSpec("head", "Head teacher", EnumSet.of(Permission.ALL_CLEAR)));
        List<PanicButtonSpec> buttons = new java.util.ArrayList<>(s.panicButtons());
        buttons.add(new PanicButtonSpec("panic-hall", "east-ctl", "West hall", Scope.zone("west")));
        return new Site(s.name(), s.controllers(), s.zones(), s.doors(), ops, s.plan(), s.firePolicy(), buttons,
                s.detectors(), s.fireAlarms());
    }

    /**
     * {@link #small()} as edited after a run: zone east renamed east-wing, door c101 removed, door c103 added (a
     * classroom on {@code east-ctl}, bolt feedback).
     */
    static Site renamed() {
        return new Site("Test School", CONTROLLERS,
                List.of(new ZoneSpec("east-wing", "East wing"), new ZoneSpec("west", "West wing")),
                List.of(door("c102", "Room 102", "east-wing", DoorRole.CLASSROOM, "east-ctl", false),
                        door("x1", "Main entrance", "east-wing", DoorRole.EXTERIOR, "east-ctl", true),
                        door("c103", "Room 103", "east-wing", DoorRole.CLASSROOM, "east-ctl", true),
                        door("c201", "Room 201", "west", DoorRole.CLASSROOM, "west-ctl", true)),
                OPERATORS, ResponsePlan.standard(), firePolicy(),
                List.of(new PanicButtonSpec("panic-office", "east-ctl", "Front office", Scope.SITE)),
                detectors("east-wing"), FIRE_ALARMS);
    }

    /** {@link #small()} as edited after a run: both zones merged into one, hall. */
    static Site oneHall() {
        return new Site("Test School", CONTROLLERS, List.of(new ZoneSpec("hall", "Hall")),
                List.of(door("c101", "Room 101", "hall", DoorRole.CLASSROOM, "east-ctl", true),
                        door("c102", "Room 102", "hall", DoorRole.CLASSROOM, "east-ctl", false),
                        door("x1", "Main entrance", "hall", DoorRole.EXTERIOR, "east-ctl", true),
                        door("c201", "Room 201", "hall", DoorRole.CLASSROOM, "west-ctl", true)),
                OPERATORS, ResponsePlan.standard(), firePolicy(), List.of(), detectors("hall"), FIRE_ALARMS);
    }

    /** {@link #small()} as edited after a run: zone east and its doors removed; no zone is new. */
    static Site westOnly() {
        return new Site("Test School", CONTROLLERS, List.of(new ZoneSpec("west", "West wing")),
                List.of(door("c201", "Room 201", "west", DoorRole.CLASSROOM, "west-ctl", true)),
                OPERATORS, ResponsePlan.standard(), firePolicy(), List.of(), List.of(), FIRE_ALARMS);
    }

    private static final List<ControllerSpec> CONTROLLERS =
            List.of(new ControllerSpec("east-ctl", "East"), new ControllerSpec("west-ctl", "West"));
    private static final List<OperatorSpec> OPERATORS =
            List.of(new OperatorSpec("principal", "Principal", EnumSet.allOf(Permission.class)),
                    new OperatorSpec("office", "Front office", EnumSet.of(Permission.INITIATE, Permission.DRILL)),
                    new OperatorSpec("janitor", "Facilities", EnumSet.noneOf(Permission.class)));
    /** A method, not a constant: built per site so mutation testing sees the policy code run in every test. */
    private static FireAlarmPolicy firePolicy() {
        return FireAlarmPolicy.holdAll().with(DoorRole.EXTERIOR, FireAction.UNLOCK);
    }

    private static final List<FireAlarmSpec> FIRE_ALARMS = List.of(new FireAlarmSpec("fire-east", "east-ctl"));

    private static List<DetectorSpec> detectors(String zone) {
        return List.of(new DetectorSpec("wd-auto", "east-ctl", "Main entrance", zone, DetectorPolicy.AUTO_LOCKDOWN,
                        Scope.SITE, 80, 5_000),
                new DetectorSpec("wd-alert", "east-ctl", "Side entrance", zone, DetectorPolicy.ALERT_ONLY,
                        Scope.SITE, 80, 5_000));
    }

    static DoorSpec door(String id, String room, String zone, DoorRole role, String controller, boolean bolt) {
        return new DoorSpec(id, room, zone, role, controller, ACTUATION_MS, GRACE_MS, bolt);
    }
}
