package org.lockstep.bench;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.lockstep.controller.core.ControllerSpec;
import org.lockstep.controller.core.DoorRole;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.core.FireAlarmPolicy;
import org.lockstep.controller.core.OperatorSpec;
import org.lockstep.controller.core.PanicButtonSpec;
import org.lockstep.controller.core.Permission;
import org.lockstep.controller.core.ResponsePlan;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Site;
import org.lockstep.controller.core.ZoneSpec;

/**
 * The benchmarks' large controller, built in code: a Pi's header has 28 GPIO lines, so a site file cannot wire 64
 * doors to one controller, but the core does not care how they are wired. Controller {@code c1} has {@value #DOORS}
 * classroom doors in {@value #ZONES} zones ({@code z0}..), a panic button that locks down the site; controller
 * {@code c2} shares zone {@code z0} (one door) and is the peer of the peer-mode benchmark. Operators: {@code okafor}
 * may do anything, {@code chen} only drills (his LOCKDOWN is refused).
 */
final class BigSite {
    static final int DOORS = 64;
    static final int ZONES = 4;
    static final long ACTUATION_MS = 300;
    static final long PROPPED_GRACE_MS = 30_000;

    private BigSite() {}

    static String doorId(int i) {
        return "d" + i;
    }

    static String zoneId(int i) {
        return "z" + i;
    }

    static Site site() {
        List<ZoneSpec> zones = new ArrayList<>();
        for (int z = 0; z < ZONES; z++) {
            zones.add(new ZoneSpec(zoneId(z), "Zone " + z));
        }
        List<DoorSpec> doors = new ArrayList<>();
        for (int i = 0; i < DOORS; i++) {
            doors.add(new DoorSpec(doorId(i), "Room " + i, zoneId(i % ZONES), DoorRole.CLASSROOM, "c1", ACTUATION_MS,
                    PROPPED_GRACE_MS, false));
        }
        doors.add(new DoorSpec("peer-door", "Peer room", zoneId(0), DoorRole.CLASSROOM, "c2", ACTUATION_MS,
                PROPPED_GRACE_MS, false));
        return new Site("Bench School", List.of(new ControllerSpec("c1", "Main"), new ControllerSpec("c2", "Peer")),
                zones, doors,
                List.of(new OperatorSpec("okafor", "Dr Okafor", EnumSet.allOf(Permission.class)),
                        new OperatorSpec("chen", "Mr Chen", EnumSet.of(Permission.DRILL))),
                ResponsePlan.standard(), FireAlarmPolicy.holdAll(),
                List.of(new PanicButtonSpec("panic-office", "c1", "Front office", Scope.SITE)), List.of(), List.of());
    }
}
