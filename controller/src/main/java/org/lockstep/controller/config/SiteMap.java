package org.lockstep.controller.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.lockstep.controller.core.Ids;

/**
 * The site file's optional {@code map:} section, for people (the console's map view, the grid cell in alerts): floors
 * with an optional plan image, the campus grid responders use, and where each door is. Controllers never read it.
 * Coordinates are whole map units from (0, 0) at the top left (the site picks the unit; the example uses decimetres).
 *
 * @param doors door id → its position, in the site file's door order; a door missing here is a warning
 *     ({@link SiteConfig#warnings()}), and the console lists it beside the map
 */
public record SiteMap(Grid grid, List<Floor> floors, Map<String, Position> doors) {
    public SiteMap {
        Objects.requireNonNull(grid, "grid");
        floors = List.copyOf(floors);
        doors = Collections.unmodifiableMap(new LinkedHashMap<>(doors));
        if (floors.isEmpty()) {
            throw new IllegalArgumentException("map.floors: at least one floor");
        }
        var ids = new HashSet<String>();
        for (Floor f : floors) {
            if (!ids.add(f.id())) {
                throw new IllegalArgumentException("map.floors: duplicate floor id " + f.id());
            }
            if (f.width() > grid.width() || f.height() > grid.height()) {
                throw new IllegalArgumentException("map.floors: floor " + f.id() + " is larger than the grid");
            }
        }
        for (var e : doors.entrySet()) {
            Position p = e.getValue();
            Floor f = floors.stream().filter(x -> x.id().equals(p.floor())).findFirst().orElseThrow(
                    () -> new IllegalArgumentException("map.doors." + e.getKey() + ": unknown floor " + p.floor()));
            if (p.x() > f.width() || p.y() > f.height()) {
                throw new IllegalArgumentException("map.doors." + e.getKey() + ": outside floor " + f.id());
            }
        }
    }

    public Optional<Floor> floor(String id) {
        return floors.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    public Optional<Position> position(String doorId) {
        return Optional.ofNullable(doors.get(doorId));
    }

    /**
     * The campus grid: {@code rows} label bands from top to bottom, {@code columns} from left to right, over
     * {@code width} × {@code height} map units from the origin.
     */
    public record Grid(List<String> rows, List<String> columns, long width, long height) {
        public Grid {
            rows = List.copyOf(rows);
            columns = List.copyOf(columns);
            if (rows.isEmpty() || columns.isEmpty() || width < 1 || height < 1) {
                throw new IllegalArgumentException("map.grid: needs rows, columns and a positive size");
            }
            if (new HashSet<>(rows).size() != rows.size() || new HashSet<>(columns).size() != columns.size()) {
                throw new IllegalArgumentException("map.grid: labels must be unique");
            }
        }

        /** The cell at (x, y), e.g. {@code C4}: row label then column label; the far edges belong to the last cell. */
        public String cellAt(long x, long y) {
            if (x < 0 || y < 0 || x > width || y > height) {
                throw new IllegalArgumentException("(" + x + ", " + y + ") is outside the grid " + width + "x" + height);
            }
            int column = (int) Math.min(columns.size() - 1, x * columns.size() / width);
            int row = (int) Math.min(rows.size() - 1, y * rows.size() / height);
            return rows.get(row) + columns.get(column);
        }
    }

    /** One floor: its size in map units and, optionally, a plan image drawn to that size. */
    public record Floor(String id, String name, long width, long height, Optional<Path> plan) {
        public Floor {
            Ids.require("map.floors.id", id);
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(plan, "plan");
            if (width < 1 || height < 1) {
                throw new IllegalArgumentException("map.floors." + id + ": size must be positive");
            }
        }
    }

    /** A door's place: its floor, its position on it, and the grid cell that position is in. */
    public record Position(String floor, long x, long y, String cell) {
        public Position {
            Ids.require("floor", floor);
            Objects.requireNonNull(cell, "cell");
            if (x < 0 || y < 0) {
                throw new IllegalArgumentException("position must not be negative");
            }
        }
    }
}
