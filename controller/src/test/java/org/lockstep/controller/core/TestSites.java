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
        return new Site("Test School",
                List.of(new ControllerSpec("east-ctl", "East"), new ControllerSpec("west-ctl", "West")),
                List.of(new ZoneSpec("east", "East wing"), new ZoneSpec("west", "West wing")),
                List.of(door("c101", "Room 101", "east", DoorRole.CLASSROOM, "east-ctl", true),
                        door("c102", "Room 102", "east", DoorRole.CLASSROOM, "east-ctl", false),
                        door("x1", "Main entrance", "east", DoorRole.EXTERIOR, "east-ctl", true),
                        door("c201", "Room 201", "west", DoorRole.CLASSROOM, "west-ctl", true)),
                List.of(new OperatorSpec("principal", "Principal", EnumSet.allOf(Permission.class)),
                        new OperatorSpec("office", "Front office", EnumSet.of(Permission.INITIATE, Permission.DRILL)),
                        new OperatorSpec("janitor", "Facilities", EnumSet.noneOf(Permission.class))),
                plan,
                FireAlarmPolicy.holdAll().with(DoorRole.EXTERIOR, FireAction.UNLOCK),
                List.of(new PanicButtonSpec("panic-office", "east-ctl", "Front office", Scope.SITE),
                        new PanicButtonSpec("panic-gym", "west-ctl", "Gym", Scope.zone("west"))),
                List.of(new DetectorSpec("wd-auto", "east-ctl", "Main entrance", "east", DetectorPolicy.AUTO_LOCKDOWN,
                                Scope.SITE, 80, 5_000),
                        new DetectorSpec("wd-alert", "east-ctl", "Side entrance", "east", DetectorPolicy.ALERT_ONLY,
                                Scope.SITE, 80, 5_000)),
                List.of(new FireAlarmSpec("fire-east", "east-ctl")));
    }

    static DoorSpec door(String id, String room, String zone, DoorRole role, String controller, boolean bolt) {
        return new DoorSpec(id, room, zone, role, controller, ACTUATION_MS, GRACE_MS, bolt);
    }
}
