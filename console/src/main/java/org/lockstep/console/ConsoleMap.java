package org.lockstep.console;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lockstep.controller.config.PlanFile;
import org.lockstep.controller.config.SiteMap;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.core.Site;
import org.tinylog.Logger;

/**
 * The site file's map as the page draws it: the floors, the grid, each door's place and grid cell, and the plan
 * images. The plans are read once, at start, with the loader's own check ({@link PlanFile#read}), and served from
 * memory by floor id: a request names a floor, never a path, so nothing but the files the site file names can be
 * served. An SVG goes out as {@code image/svg+xml} under its own sandboxing policy, and the page shows it with
 * {@code <img>}, where a browser runs no script in it.
 */
final class ConsoleMap {
    /** The URL a floor's plan is served at; the floor id is the only variable part. */
    static final String PLAN_PATH = "/plan/{floor}";
    /** An image document, opened directly or through {@code <img>}, may run nothing and load nothing. */
    static final String PLAN_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<SiteMap> map;
    private final Map<String, PlanFile.Image> plans = new LinkedHashMap<>();
    private final ObjectNode description;

    ConsoleMap(Site site, Optional<SiteMap> map) {
        this.map = map;
        map.ifPresent(m -> m.floors().forEach(f -> f.plan().ifPresent(file -> {
            try {
                plans.put(f.id(), PlanFile.read(file));
            } catch (PlanFile.Unusable e) {
                Logger.warn("console: floor '{}' is drawn without its plan: {}", f.id(), e.getMessage());
            }
        })));
        this.description = describe(site);
    }

    /** The grid cell of a door, e.g. {@code C9}; empty for a site without a map or a door not placed. */
    String cellOf(String doorId) {
        return map.flatMap(m -> m.position(doorId)).map(SiteMap.Position::cell).orElse("");
    }

    Optional<SiteMap.Position> positionOf(String doorId) {
        return map.flatMap(m -> m.position(doorId));
    }

    /** For the snapshot: {@code null}-free JSON, {@code {"present": false}} for a site without a map. */
    ObjectNode description() {
        return description;
    }

    private ObjectNode describe(Site site) {
        ObjectNode n = JSON.createObjectNode();
        n.put("present", map.isPresent());
        if (map.isEmpty()) {
            return n;
        }
        SiteMap m = map.get();
        ObjectNode grid = n.putObject("grid");
        m.grid().rows().forEach(grid.putArray("rows")::add);
        m.grid().columns().forEach(grid.putArray("columns")::add);
        grid.put("width", m.grid().width());
        grid.put("height", m.grid().height());
        ArrayNode floors = n.putArray("floors");
        for (SiteMap.Floor f : m.floors()) {
            ObjectNode fn = floors.addObject();
            fn.put("id", f.id());
            fn.put("name", f.name());
            fn.put("width", f.width());
            fn.put("height", f.height());
            fn.put("plan", plans.containsKey(f.id()) ? "/plan/" + f.id() : "");
        }
        ArrayNode unplaced = n.putArray("unplaced");
        site.doors().stream().map(DoorSpec::id).filter(d -> m.position(d).isEmpty()).forEach(unplaced::add);
        return n;
    }

    /** The plan of a floor the site file names (read at start); empty for any other name. */
    Optional<PlanFile.Image> plan(String floorId) {
        return Optional.ofNullable(plans.get(floorId));
    }
}
