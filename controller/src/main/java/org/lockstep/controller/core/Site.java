package org.lockstep.controller.core;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The whole building as the core sees it: every controller gets the same site and runs what is assigned to it.
 * The config loader reports user mistakes with file, field and line; the checks here are the last line of defence
 * and fail fast on programmer errors.
 */
public record Site(String name, List<ControllerSpec> controllers, List<ZoneSpec> zones, List<DoorSpec> doors,
        List<OperatorSpec> operators, ResponsePlan plan, FireAlarmPolicy firePolicy, List<PanicButtonSpec> panicButtons,
        List<DetectorSpec> detectors, List<FireAlarmSpec> fireAlarms) {

    public Site {
        Objects.requireNonNull(name, "name");
        controllers = List.copyOf(controllers);
        zones = List.copyOf(zones);
        doors = List.copyOf(doors);
        operators = List.copyOf(operators);
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(firePolicy, "firePolicy");
        panicButtons = List.copyOf(panicButtons);
        detectors = List.copyOf(detectors);
        fireAlarms = List.copyOf(fireAlarms);

        Set<String> controllerIds = unique("controllers", controllers, ControllerSpec::id);
        Set<String> zoneIds = unique("zones", zones, ZoneSpec::id);
        unique("operators", operators, OperatorSpec::id);
        // One namespace for everything wired to a controller: device ids appear in faults and alerts.
        Set<String> deviceIds = new HashSet<>();
        for (DoorSpec d : doors) {
            requireNew(deviceIds, d.id());
            requireIn("door " + d.id() + ".zone", d.zone(), zoneIds);
            requireIn("door " + d.id() + ".controller", d.controller(), controllerIds);
        }
        for (PanicButtonSpec p : panicButtons) {
            requireNew(deviceIds, p.id());
            requireIn("panicButton " + p.id() + ".controller", p.controller(), controllerIds);
            requireScope("panicButton " + p.id() + ".scope", p.scope(), zoneIds);
        }
        for (DetectorSpec d : detectors) {
            requireNew(deviceIds, d.id());
            requireIn("detector " + d.id() + ".controller", d.controller(), controllerIds);
            requireIn("detector " + d.id() + ".zone", d.zone(), zoneIds);
            requireScope("detector " + d.id() + ".lockdownScope", d.lockdownScope(), zoneIds);
        }
        for (FireAlarmSpec f : fireAlarms) {
            requireNew(deviceIds, f.id());
            requireIn("fireAlarm " + f.id() + ".controller", f.controller(), controllerIds);
        }
        if (zones.isEmpty()) {
            throw new IllegalArgumentException("a site needs at least one zone");
        }
    }

    private static <T> Set<String> unique(String what, List<T> items, Function<T, String> id) {
        Set<String> seen = new HashSet<>();
        for (T item : items) {
            if (!seen.add(id.apply(item))) {
                throw new IllegalArgumentException(what + ": duplicate id '" + id.apply(item) + "'");
            }
        }
        return seen;
    }

    private static void requireNew(Set<String> seen, String id) {
        if (!seen.add(id)) {
            throw new IllegalArgumentException("device id '" + id + "' is used twice");
        }
    }

    private static void requireIn(String field, String id, Set<String> known) {
        if (!known.contains(id)) {
            throw new IllegalArgumentException(field + ": unknown id '" + id + "'");
        }
    }

    private static void requireScope(String field, Scope scope, Set<String> zoneIds) {
        if (scope instanceof Scope.Zone z) {
            requireIn(field, z.zoneId(), zoneIds);
        }
    }

    public Optional<OperatorSpec> operator(String id) {
        return operators.stream().filter(o -> o.id().equals(id)).findFirst();
    }

    public Optional<PanicButtonSpec> panicButton(String id) {
        return panicButtons.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public Optional<DetectorSpec> detector(String id) {
        return detectors.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    public Optional<ZoneSpec> zone(String id) {
        return zones.stream().filter(z -> z.id().equals(id)).findFirst();
    }

    public Optional<ControllerSpec> controller(String id) {
        return controllers.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public List<DoorSpec> doorsOf(String controllerId) {
        return doors.stream().filter(d -> d.controller().equals(controllerId)).toList();
    }

    /** The ids of a controller's doors, panic buttons, fire inputs and detectors (one id namespace), in site order. */
    public Set<String> devicesOf(String controllerId) {
        Set<String> ids = new java.util.LinkedHashSet<>();
        doorsOf(controllerId).forEach(d -> ids.add(d.id()));
        panicButtons.stream().filter(p -> p.controller().equals(controllerId)).forEach(p -> ids.add(p.id()));
        fireAlarms.stream().filter(f -> f.controller().equals(controllerId)).forEach(f -> ids.add(f.id()));
        detectors.stream().filter(d -> d.controller().equals(controllerId)).forEach(d -> ids.add(d.id()));
        return java.util.Collections.unmodifiableSet(ids);
    }

    /** Zone id → zone, in site order. */
    public Map<String, ZoneSpec> zonesById() {
        Map<String, ZoneSpec> m = new LinkedHashMap<>();
        zones.forEach(z -> m.put(z.id(), z));
        return m;
    }
}
