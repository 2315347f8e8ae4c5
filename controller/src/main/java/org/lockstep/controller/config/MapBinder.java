package org.lockstep.controller.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The site file's optional {@code map:} section ({@link SiteMap}). What the file itself says wrong is an error, as
 * everywhere in the file: a wrong type, a value out of range, an unknown key, a duplicate floor or grid label, a door
 * or floor the site does not have, a position outside its floor. Two things are warnings, not errors, because the map
 * is for people and every controller loads this file: a door not placed yet (the console lists it beside the map, so
 * it is never hidden; a new door must not stop the controllers until someone draws it) and a plan image that is
 * missing or unusable (the floor is drawn without it; a controller never needs a picture to lock a door).
 */
final class MapBinder {
    static final int MAX_FLOORS = 16;
    static final int MAX_GRID_LABELS = 52;
    static final int MAX_LABEL_CHARS = 4;
    static final long MAX_EXTENT = 100_000;
    /** How many unplaced doors the warning names before it stops. */
    private static final int MAX_LISTED = 12;

    private MapBinder() {}

    /** @param doorIds every door of the site, in file order */
    static Optional<SiteMap> bind(YamlCursor at, Path siteFile, List<String> doorIds) {
        Optional<YamlMap> m = at.map("grid", "floors", "doors");
        if (m.isEmpty()) {
            return Optional.empty();
        }
        Optional<SiteMap.Grid> grid = grid(m.get().required("grid"));
        Map<String, SiteMap.Floor> floors = new LinkedHashMap<>();
        List<YamlCursor> items = m.get().required("floors").list();
        if (items.isEmpty() && m.get().has("floors")) {
            m.get().get("floors").error("at least one floor is required; found an empty list");
        }
        if (items.size() > MAX_FLOORS) {
            m.get().get("floors").error("at most " + MAX_FLOORS + " floors; found " + items.size());
        }
        for (YamlCursor item : items) {
            floor(item, siteFile, grid, floors);
        }
        Map<String, SiteMap.Position> doors = new LinkedHashMap<>();
        YamlCursor doorsAt = m.get().required("doors");
        for (YamlMap.Entry e : doorsAt.anyMap().map(YamlMap::entries).orElse(List.of())) {
            position(e, doorIds, floors, grid).ifPresent(p -> doors.put(e.key(), p));
        }
        List<String> unplaced = doorIds.stream().filter(d -> !doors.containsKey(d)).toList();
        if (!unplaced.isEmpty() && doorsAt.isPresent() && !at.problems().hasErrorsAt(doorsAt)) {
            doorsAt.warn(unplaced.size() + " of " + doorIds.size() + " doors are not on the map: "
                    + unplaced.stream().limit(MAX_LISTED).collect(Collectors.joining(", "))
                    + (unplaced.size() > MAX_LISTED ? ", ..." : "") + "; add each under map.doors as"
                    + " '<door>: { floor, x, y }' (the console lists them beside the map until then)");
        }
        if (grid.isEmpty() || floors.isEmpty() || at.problems().hasErrorsAt(at)) {
            return Optional.empty();
        }
        List<SiteMap.Floor> floorList = new ArrayList<>(floors.values());
        Map<String, SiteMap.Position> inOrder = new LinkedHashMap<>();
        doorIds.stream().filter(doors::containsKey).forEach(d -> inOrder.put(d, doors.get(d)));
        try {
            return Optional.of(new SiteMap(grid.get(), floorList, inOrder));
        } catch (IllegalArgumentException e) {
            at.error("rejected by the map model (a check the loader should have made first): " + e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<SiteMap.Grid> grid(YamlCursor at) {
        return at.map("rows", "columns", "width", "height").flatMap(g -> {
            Optional<List<String>> rows = labels(g.required("rows"));
            Optional<List<String>> columns = labels(g.required("columns"));
            Optional<Long> width = g.required("width").number(1, MAX_EXTENT, " map units");
            Optional<Long> height = g.required("height").number(1, MAX_EXTENT, " map units");
            if (rows.isEmpty() || columns.isEmpty() || width.isEmpty() || height.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new SiteMap.Grid(rows.get(), columns.get(), width.get(), height.get()));
        });
    }

    /** A list of unique short labels ({@code [A, B, C]}, {@code [1, 2, 3]}). */
    private static Optional<List<String>> labels(YamlCursor at) {
        List<YamlCursor> items = at.list();
        if (!at.isPresent() || at.problems().hasErrorsAt(at)) {
            return Optional.empty();
        }
        if (items.isEmpty() || items.size() > MAX_GRID_LABELS) {
            at.error("expected 1.." + MAX_GRID_LABELS + " labels; found " + items.size());
            return Optional.empty();
        }
        Map<String, YamlCursor> seen = new LinkedHashMap<>();
        boolean ok = true;
        for (YamlCursor item : items) {
            Optional<String> label = item.text();
            if (label.isEmpty()) {
                ok = false;
            } else if (label.get().length() > MAX_LABEL_CHARS || !label.get().matches("[A-Za-z0-9]+")) {
                item.error("expected a label of 1.." + MAX_LABEL_CHARS + " letters or digits (A, 12, AA); found "
                        + YamlCursor.quote(label.get()));
                ok = false;
            } else if (seen.putIfAbsent(label.get(), item) != null) {
                item.error("grid label '" + label.get() + "' appears twice (first at " + seen.get(label.get()).where()
                        + "); each row and each column needs its own label");
                ok = false;
            }
        }
        return ok ? Optional.of(List.copyOf(seen.keySet())) : Optional.empty();
    }

    private static void floor(YamlCursor item, Path siteFile, Optional<SiteMap.Grid> grid,
            Map<String, SiteMap.Floor> floors) {
        item.map("id", "name", "plan", "width", "height").ifPresent(f -> {
            YamlCursor idAt = f.required("id");
            Optional<String> id = idAt.id();
            if (id.isPresent() && floors.containsKey(id.get())) {
                idAt.error("duplicate floor id '" + id.get() + "'; each floor needs its own id");
                id = Optional.empty();
            }
            Optional<String> name = f.required("name").text();
            YamlCursor widthAt = f.required("width");
            YamlCursor heightAt = f.required("height");
            Optional<Long> width = widthAt.number(1, MAX_EXTENT, " map units");
            Optional<Long> height = heightAt.number(1, MAX_EXTENT, " map units");
            grid.ifPresent(g -> {
                width.filter(w -> w > g.width()).ifPresent(w -> widthAt.error("the floor is " + w
                        + " wide but the grid covers only " + g.width() + "; widen map.grid.width or shrink the floor"));
                height.filter(h -> h > g.height()).ifPresent(h -> heightAt.error("the floor is " + h
                        + " high but the grid covers only " + g.height() + "; raise map.grid.height or shrink the floor"));
            });
            Optional<Path> plan = plan(f.get("plan"), siteFile);
            if (id.isPresent() && name.isPresent() && width.isPresent() && height.isPresent()
                    && !item.problems().hasErrorsAt(item)) {
                floors.put(id.get(), new SiteMap.Floor(id.get(), name.get(), width.get(), height.get(), plan));
            }
        });
    }

    /** A plan file beside the site file: a bad name is an error; a missing or unusable file a warning. */
    private static Optional<Path> plan(YamlCursor at, Path siteFile) {
        Optional<String> name = at.text();
        if (name.isEmpty()) {
            return Optional.empty();
        }
        if (!PlanFile.isPlainName(name.get())) {
            at.error("expected the plain name of an .svg or .png file beside the site file (no directory, no '..');"
                    + " found " + YamlCursor.quote(name.get()));
            return Optional.empty();
        }
        Path dir = siteFile.toAbsolutePath().getParent();
        Path file = dir.resolve(name.get());
        try {
            PlanFile.read(file);
        } catch (PlanFile.Unusable e) {
            at.warn(e.getMessage() + "; the console draws this floor without its plan");
        }
        return Optional.of(file);
    }

    private static Optional<SiteMap.Position> position(YamlMap.Entry e, List<String> doorIds,
            Map<String, SiteMap.Floor> floors, Optional<SiteMap.Grid> grid) {
        if (!doorIds.contains(e.key())) {
            // A warning, not an error: a door taken out of doors: with its map line left behind must not stop
            // a controller (the site-file edit a facilities person makes most), only be pointed out.
            e.keyAt().warn("unknown door '" + e.key() + "', ignored; map.doors places the doors of the doors:"
                    + " section" + DidYouMean.hint(e.key(), doorIds) + "; delete its line or fix its id");
            return Optional.empty();
        }
        return e.value().map("floor", "x", "y").flatMap(p -> {
            YamlCursor floorAt = p.required("floor");
            Optional<String> floorId = floorAt.text();
            Optional<SiteMap.Floor> floor = floorId.map(floors::get);
            if (floorId.isPresent() && floor.isEmpty()) {
                floorAt.error("unknown floor " + YamlCursor.quote(floorId.get()) + "; expected one of "
                        + String.join(", ", floors.keySet()) + DidYouMean.hint(floorId.get(), floors.keySet()));
            }
            YamlCursor xAt = p.required("x");
            YamlCursor yAt = p.required("y");
            Optional<Long> x = floor.isPresent() ? xAt.number(0, floor.get().width(), " (inside floor '"
                    + floor.get().id() + "')") : xAt.number(0, MAX_EXTENT, "");
            Optional<Long> y = floor.isPresent() ? yAt.number(0, floor.get().height(), " (inside floor '"
                    + floor.get().id() + "')") : yAt.number(0, MAX_EXTENT, "");
            if (floor.isEmpty() || x.isEmpty() || y.isEmpty() || grid.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new SiteMap.Position(floor.get().id(), x.get(), y.get(),
                    grid.get().cellAt(x.get(), y.get())));
        });
    }
}
