package org.lockstep.controller.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The site file's {@code map:} section: each broken map is refused naming its field and line; what is only a warning. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MapBinderTest {
    static final String SITE = SiteConfigLoaderTest.HEADER + """
              - { id: d2, room: Room 2, zone: z2, role: classroom, controller: c1, relay: { pin: 18 }, contact: { pin: 26 } }
            """;
    /** A good map; the broken cases replace one line of it. Its first line is line 12 of the file. */
    static final String MAP = """
            map:
              grid: { rows: [A, B, C, D], columns: [1, 2, 3, 4, 5, 6], width: 60, height: 40 }
              floors:
                - { id: ground, name: Ground floor, plan: ground.svg, width: 60, height: 40 }
                - { id: first, name: First floor, width: 30, height: 20 }
              doors:
                d1: { floor: ground, x: 35, y: 12 }
                d2: { floor: first, x: 0, y: 20 }
            """;
    static final String SVG = "<?xml version=\"1.0\"?>\n<!-- a plan -->\n<svg xmlns=\"http://www.w3.org/2000/svg\""
            + " viewBox=\"0 0 60 40\"><rect width=\"60\" height=\"40\"/></svg>\n";

    @TempDir
    Path dir;

    private Path write(String map) throws IOException {
        Files.writeString(dir.resolve("ground.svg"), SVG);
        return Files.writeString(dir.resolve("site.yaml"), SITE + map);
    }

    private SiteConfig load(String map) throws Exception {
        return SiteConfigLoader.load(write(map));
    }

    private List<String> warnings(SiteConfig c) {
        return c.warnings().stream().map(ConfigProblem::toString).filter(w -> w.contains("map.")).toList();
    }

    @Test
    void a_good_map_gives_every_door_its_floor_position_and_grid_cell() throws Exception {
        SiteConfig c = load(MAP);
        SiteMap map = c.map().orElseThrow();
        assertEquals(new SiteMap.Position("ground", 35, 12, "B4"), map.position("d1").orElseThrow());
        assertEquals("C1", map.position("d2").orElseThrow().cell(), "x 0 is the first column; y 20 of 40 starts the third row");
        assertEquals(dir.resolve("ground.svg").toAbsolutePath(), map.floor("ground").orElseThrow().plan().orElseThrow());
        assertTrue(map.floor("first").orElseThrow().plan().isEmpty());
        assertEquals(List.of(), warnings(c));
    }

    @Test
    void a_site_without_a_map_is_valid_and_has_none() throws Exception {
        assertTrue(load("").map().isEmpty());
    }

    @Test
    void the_grid_cell_is_row_then_column_and_the_far_edges_belong_to_the_last_cell() {
        SiteMap.Grid g = new SiteMap.Grid(List.of("A", "B"), List.of("1", "2", "3"), 30, 20);
        assertEquals("A1", g.cellAt(0, 0));
        assertEquals("A1", g.cellAt(9, 9));
        assertEquals("B2", g.cellAt(10, 10));
        assertEquals("B3", g.cellAt(30, 20));
        assertThrows(IllegalArgumentException.class, () -> g.cellAt(31, 0));
    }

    static Stream<Arguments> brokenMaps() {
        return Stream.of(
                Arguments.of("map: [grid]\n", "map", 12, "expected a map"),
                Arguments.of(MAP + "  legend: yes\n", "map.legend", 20, "unknown key 'legend'"),
                Arguments.of(MAP.replace("rows: [A, B, C, D]", "rows: [A, B, B, D]"), "map.grid.rows[2]", 13,
                        "'B' appears twice"),
                Arguments.of(MAP.replace("columns: [1, 2, 3, 4, 5, 6]", "columns: []"), "map.grid.columns", 13,
                        "expected 1..52 labels"),
                Arguments.of(MAP.replace("rows: [A, B, C, D]", "rows: [A, B, C, North]"), "map.grid.rows[3]", 13,
                        "1..4 letters or digits"),
                Arguments.of(MAP.replace("width: 60, height: 40 }\n  floors", "width: 0, height: 40 }\n  floors"),
                        "map.grid.width", 13, "expected 1..100000"),
                Arguments.of(MAP.replace("height: 40 }\n  floors", "height: tall }\n  floors"), "map.grid.height", 13,
                        "whole number"),
                Arguments.of(MAP.replace("id: first", "id: ground"), "map.floors[1].id", 16, "duplicate floor id"),
                Arguments.of(MAP.replace("plan: ground.svg, width: 60", "plan: ground.svg, width: 61"),
                        "map.floors[0].width", 15, "the grid covers only 60"),
                Arguments.of(MAP.replace("plan: ground.svg", "plan: ../keys/ground.svg"), "map.floors[0].plan", 15,
                        "plain name"),
                Arguments.of(MAP.replace("plan: ground.svg", "plan: ground.gif"), "map.floors[0].plan", 15,
                        "an .svg or .png"),
                Arguments.of(MAP.replace("name: First floor, ", ""), "map.floors[1].name", 16, "required"),
                Arguments.of(MAP.replace("floors:\n    - { id: ground, name: Ground floor, plan: ground.svg, width: 60,"
                        + " height: 40 }\n    - { id: first, name: First floor, width: 30, height: 20 }", "floors: []"),
                        "map.floors", 14, "at least one floor"),
                Arguments.of(MAP.replace("d1: { floor: ground", "d1: { floor: roof"), "map.doors.d1.floor", 18,
                        "unknown floor 'roof'"),
                Arguments.of(MAP.replace("x: 35", "x: 61"), "map.doors.d1.x", 18, "expected 0..60 (inside floor 'ground')"),
                Arguments.of(MAP.replace("x: 0, y: 20", "x: 0, y: 21"), "map.doors.d2.y", 19,
                        "expected 0..20 (inside floor 'first')"),
                Arguments.of(MAP.replace("x: 35", "x: -1"), "map.doors.d1.x", 18, "expected 0..60"),
                Arguments.of(MAP.replace("x: 35", "x: 3.5"), "map.doors.d1.x", 18, "whole number"),
                Arguments.of(MAP.replace("x: 35, y: 12 }", "x: 35, y: 12, z: 1 }"), "map.doors.d1.z", 18,
                        "unknown key 'z'"),
                Arguments.of(MAP.replace("  grid: { rows: [A, B, C, D], columns: [1, 2, 3, 4, 5, 6], width: 60, height: 40 }\n",
                        ""), "map.grid", 13, "required field is missing"));
    }

    @ParameterizedTest
    @MethodSource("brokenMaps")
    void a_broken_map_is_refused_naming_its_field_and_line(String map, String field, int line, String says)
            throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> load(map));
        ConfigProblem p = e.problems().stream().filter(x -> x.path().equals(field)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem at " + field + " in:\n" + e.getMessage()));
        assertEquals(line, p.line(), p.toString());
        assertTrue(p.message().contains(says), p.toString());
        assertTrue(p.toString().startsWith(dir.resolve("site.yaml") + ":" + line + ": " + field + ": "), p.toString());
    }

    @Test
    void a_door_not_placed_is_a_warning_that_names_it_and_says_what_to_do() throws Exception {
        SiteConfig c = load(MAP.replace("    d2: { floor: first, x: 0, y: 20 }\n", ""));
        assertEquals(List.of(dir.resolve("site.yaml") + ":18: map.doors: 1 of 2 doors are not on the map: d2; add each"
                + " under map.doors as '<door>: { floor, x, y }' (the console lists them beside the map until then)"),
                warnings(c));
        assertTrue(c.map().orElseThrow().position("d2").isEmpty());
    }

    @Test
    void a_map_line_for_a_door_no_longer_in_the_site_is_a_warning_so_the_controller_still_starts() throws Exception {
        SiteConfig c = load(MAP + "    d9: { floor: ground, x: 1, y: 1 }\n");
        assertEquals(List.of(dir.resolve("site.yaml") + ":20: map.doors.d9: unknown door 'd9', ignored; map.doors"
                + " places the doors of the doors: section (did you mean 'd1'?); delete its line or fix its id"),
                warnings(c));
        assertTrue(c.map().orElseThrow().position("d9").isEmpty());
        assertTrue(c.map().orElseThrow().position("d1").isPresent());
    }

    @Test
    void a_missing_plan_is_a_warning_and_the_floor_keeps_its_place() throws Exception {
        Path site = write(MAP);
        Files.delete(dir.resolve("ground.svg"));
        SiteConfig c = SiteConfigLoader.load(site);
        assertEquals(1, warnings(c).size(), warnings(c).toString());
        assertTrue(warnings(c).getFirst().contains(":15: map.floors[0].plan: ") && warnings(c).getFirst()
                .contains("file not found"), warnings(c).toString());
    }

    @Test
    void a_plan_whose_content_is_not_its_kind_is_a_warning() throws Exception {
        Path site = write(MAP);
        Files.writeString(dir.resolve("ground.svg"), "<html><script>alert(1)</script></html>");
        assertTrue(warnings(SiteConfigLoader.load(site)).getFirst().contains("is named .svg but is not an SVG image"));
        Files.writeString(site, SITE + MAP.replace("ground.svg", "ground.png"));
        Files.writeString(dir.resolve("ground.png"), SVG);
        assertTrue(warnings(SiteConfigLoader.load(site)).getFirst().contains("is named .png but is not a PNG image"));
    }

    @Test
    void a_plan_too_big_a_link_or_a_directory_is_refused_unread() throws Exception {
        Path site = write(MAP);
        byte[] big = new byte[PlanFile.MAX_BYTES + 1];
        byte[] head = SVG.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, big, 0, head.length);
        Files.write(dir.resolve("ground.svg"), big);
        assertTrue(warnings(SiteConfigLoader.load(site)).getFirst().contains("is larger than 2097152 bytes"));
        Files.delete(dir.resolve("ground.svg"));
        Files.writeString(dir.resolve("real.svg"), SVG);
        Files.createSymbolicLink(dir.resolve("ground.svg"), dir.resolve("real.svg"));
        assertTrue(warnings(SiteConfigLoader.load(site)).getFirst().contains("not a regular file"));
    }

    @Test
    void a_png_plan_is_read_by_its_signature() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
        Files.write(dir.resolve("ground.png"), png);
        assertEquals(PlanFile.Kind.PNG, PlanFile.read(dir.resolve("ground.png")).kind());
        Files.writeString(dir.resolve("ground.svg"), SVG);
        assertEquals(PlanFile.Kind.SVG, PlanFile.read(dir.resolve("ground.svg")).kind());
    }

    @Test
    void the_example_school_places_all_32_doors_with_room_104_in_grid_c9_and_no_map_warning() throws Exception {
        SiteConfig c = SiteConfigLoader.load(SiteConfigLoaderTest.EXAMPLE);
        SiteMap map = c.map().orElseThrow();
        assertEquals(32, map.doors().size());
        assertEquals(c.site().doors().size(), map.doors().size());
        assertEquals("C9", map.position("c104").orElseThrow().cell());
        for (SiteMap.Floor f : map.floors()) {
            assertEquals(PlanFile.Kind.SVG, PlanFile.read(f.plan().orElseThrow()).kind(), f.id());
        }
        assertEquals(List.of(), warnings(c));
    }
}
