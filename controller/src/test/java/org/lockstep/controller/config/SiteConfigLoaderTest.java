package org.lockstep.controller.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockstep.controller.core.DetectorPolicy;
import org.lockstep.controller.core.DoorAction;
import org.lockstep.controller.core.DoorRole;
import org.lockstep.controller.core.DoorSpec;
import org.lockstep.controller.core.FireAction;
import org.lockstep.controller.core.Mode;
import org.lockstep.controller.core.Permission;
import org.lockstep.controller.core.Scope;
import org.lockstep.controller.core.Site;
import org.lockstep.hal.InputWiring;
import org.lockstep.hal.Pull;
import org.lockstep.hal.SerialSettings;
import org.lockstep.hal.device.FailMode;
import org.lockstep.hal.device.PanicGuard;
import org.lockstep.hal.gpio.Board;

class SiteConfigLoaderTest {
    static final Path EXAMPLE = Path.of("../deploy/site.example.yaml");

    /** A valid little site; cases append to it, so their own lines start at 11. */
    static final String HEADER = """
            site: { name: Test School }
            controllers:
              - { id: c1 }
            zones:
              - { id: z1 }
              - { id: z2 }
            doorDefaults:
              relay: { failMode: fail-secure }
            doors:
              - { id: d1, room: Room 1, zone: z1, role: classroom, controller: c1, relay: { pin: 17 }, contact: { pin: 27 } }
            """;

    static SiteConfig load(String yaml) throws ConfigException {
        return SiteConfigLoader.load("site.yaml", new StringReader(yaml));
    }

    static List<ConfigProblem> problemsOf(String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(yaml));
        return e.problems();
    }

    // ---- the example site

    @Test
    void the_example_site_loads_without_errors() throws ConfigException {
        SiteConfig config = SiteConfigLoader.load(EXAMPLE);
        Site site = config.site();

        assertEquals("Lincoln Middle School", site.name());
        assertTrue(site.doors().stream().filter(d -> d.role() == DoorRole.CLASSROOM).count() >= 24);
        assertTrue(site.zones().size() >= 3);
        assertEquals(4, site.doors().stream().filter(d -> d.role() == DoorRole.EXTERIOR).count());
        assertEquals(1, site.panicButtons().size());
        assertEquals(2, site.detectors().size());
        assertEquals(site.controllers().size(), site.fireAlarms().size(), "a fire-alarm input on every controller");
        assertEquals(4, site.operators().size(), "3 operators and the front-desk console (INITIATE only)");
        assertEquals(9, config.keys().holders().size(), "every operator, the console and every controller has a key");
        assertEquals(List.of(), config.warnings());
    }

    @Test
    void the_example_sites_wiring_follows_the_file() throws ConfigException {
        SiteConfig config = SiteConfigLoader.load(EXAMPLE);
        ControllerWiring commons = config.wiringOf("commons").orElseThrow();

        assertEquals(Board.PI5, commons.board());
        assertEquals(List.of("main-entrance", "office", "gym", "gym-exit", "cafeteria", "library"),
                List.copyOf(commons.doors().keySet()), "file order");
        DoorWiring main = commons.doors().get("main-entrance");
        assertEquals(FailMode.FAIL_SAFE, main.relay().failMode(), "the door's own failMode beats doorDefaults");
        assertEquals(FailMode.FAIL_SECURE, commons.doors().get("office").relay().failMode());
        assertEquals(Optional.empty(), commons.doors().get("library").bolt());
        assertFalse(config.site().doors().stream().filter(d -> d.id().equals("library")).findFirst().orElseThrow()
                .boltFeedback());
        assertEquals(new ButtonWiring(new InputWiring(8, false, Pull.UP, 20), new PanicGuard.Hold(1000)),
                commons.panicButtons().get("panic-office"));
        assertEquals(new DetectorWiring.Serial(new SerialSettings("/dev/ttyAMA0", 115200, 8, SerialSettings.Parity.NONE, 1,
                "lockstep-line-v1")), commons.detectors().get("wd-main"));
        assertEquals(Scope.zone("gym"), config.site().detector("wd-gym").orElseThrow().lockdownScope());
        assertEquals(DetectorPolicy.AUTO_LOCKDOWN, config.site().detector("wd-gym").orElseThrow().policy());
        assertTrue(config.wiringOf("east-upper").orElseThrow().doors().values().stream()
                .allMatch(d -> d.bolt().isPresent()));
    }

    // ---- broken files: one mistake each, reported at the right field and line

    record Case(String name, String yaml, String path, int line, String fragment) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> brokenSites() {
        return Stream.of(
                new Case("duplicate door id", HEADER + """
                          - { id: d1, room: Room 2, zone: z1, role: classroom, controller: c1, relay: { pin: 18 }, contact: { pin: 22 } }
                        """, "doors[1].id", 11, "duplicate door id 'd1': already used by doors[0].id (line 10)"),
                new Case("unknown zone", HEADER + """
                          - { id: d2, room: Room 2, zone: z9, role: classroom, controller: c1, relay: { pin: 18 }, contact: { pin: 22 } }
                        """, "doors[1].zone", 11, "unknown zone 'z9'; expected one of z1, z2"),
                new Case("unknown role, with a suggestion", HEADER + """
                          - { id: d2, room: Room 2, zone: z1, role: clasroom, controller: c1, relay: { pin: 18 }, contact: { pin: 22 } }
                        """, "doors[1].role", 11, "expected one of classroom, exterior, office, gym, cafeteria, library,"
                        + " corridor, staff; found 'clasroom' (did you mean 'classroom'?)"),
                new Case("unknown controller, with a suggestion", HEADER + """
                          - { id: d2, room: Room 2, zone: z1, role: classroom, controller: c2, relay: { pin: 18 }, contact: { pin: 22 } }
                        """, "doors[1].controller", 11, "unknown controller 'c2'; expected one of c1 (did you mean 'c1'?)"),
                new Case("pin used twice on one controller", HEADER + """
                          - id: d2
                            room: Room 2
                            zone: z1
                            role: classroom
                            controller: c1
                            relay: { pin: 27 }
                            contact: { pin: 22 }
                        """, "doors[1].relay.pin", 16, "pin 27 is already used by doors[0].contact.pin (line 10) on controller c1"),
                new Case("pin 14 while a detector uses the on-board UART", HEADER + """
                          - { id: d2, room: Room 2, zone: z1, role: classroom, controller: c1, relay: { pin: 14 }, contact: { pin: 22 } }
                        detectors:
                          - id: wd1
                            controller: c1
                            location: Front door
                            zone: z1
                            policy: alert-only
                            serial: { port: /dev/ttyAMA0 }
                        """, "doors[1].relay.pin", 11, "pin 14 is the on-board UART's TXD, used by detectors[0].serial.port (line 18)"),
                new Case("pin 40 (a header pin number, not BCM)", HEADER + """
                          - { id: d2, room: Room 2, zone: z1, role: classroom, controller: c1, relay: { pin: 40 }, contact: { pin: 22 } }
                        """, "doors[1].relay.pin", 11, "expected a BCM GPIO number 0..27 on pi4 (the GPIO number, not the header pin number); found 40"),
                new Case("pin with a leading zero", HEADER + """
                          - { id: d2, room: Room 2, zone: z1, role: classroom, controller: c1, relay: { pin: 017 }, contact: { pin: 22 } }
                        """, "doors[1].relay.pin", 11, "without leading zeros"),
                new Case("actuationMs 0", HEADER + """
                          - { id: d2, room: Room 2, zone: z1, role: classroom, controller: c1, actuationMs: 0, relay: { pin: 18 }, contact: { pin: 22 } }
                        """, "doors[1].actuationMs", 11, "expected 1..10000 ms; found 0"),
                new Case("debounceMs too long", HEADER + """
                          - { id: d2, room: Room 2, zone: z1, role: classroom, controller: c1, relay: { pin: 18 }, contact: { pin: 22, debounceMs: 20000 } }
                        """, "doors[1].contact.debounceMs", 11, "expected 0..10000 ms; found 20000"),
                new Case("unknown key: a typo", HEADER + """
                          - id: d2
                            room: Room 2
                            zone: z1
                            role: classroom
                            controller: c1
                            actuationMS: 300
                            relay: { pin: 18 }
                            contact: { pin: 22 }
                        """, "doors[1].actuationMS", 16, "unknown key 'actuationMS' (did you mean 'actuationMs'?)"),
                new Case("unknown top-level section", HEADER + """
                        door: []
                        """, "door", 11, "unknown key 'door' (did you mean 'doors'?)"),
                new Case("a map where a list is expected", """
                        site: { name: Test School }
                        controllers:
                          - { id: c1 }
                        zones:
                          id: z1
                        """, "zones", 5, "expected a list, found a map"),
                new Case("missing required field", HEADER + """
                          - { id: d2, zone: z1, role: classroom, controller: c1, relay: { pin: 18 }, contact: { pin: 22 } }
                        """, "doors[1].room", 11, "required field is missing"),
                new Case("no failMode anywhere", """
                        site: { name: Test School }
                        controllers: [ { id: c1 } ]
                        zones: [ { id: z1 } ]
                        doors:
                          - { id: d1, room: Room 1, zone: z1, role: classroom, controller: c1, relay: { pin: 17 }, contact: { pin: 27 } }
                        """, "doors[0].relay.failMode", 5, "required here or in doorDefaults.relay.failMode"),
                new Case("normal plan says leave", HEADER + """
                        plan:
                          normal: { classroom: leave }
                        """, "plan.normal.classroom", 12, "normal must lock or unlock"),
                new Case("unknown mode in the plan", HEADER + """
                        plan:
                          lockdwn: { classroom: lock }
                        """, "plan.lockdwn", 12, "unknown mode 'lockdwn'; expected one of normal, secure, lockdown (did you mean 'lockdown'?)"),
                new Case("unknown permission", HEADER + """
                        operators:
                          - { id: o1, name: Ms O, permissions: [initiate, lockdown] }
                        """, "operators[0].permissions[1]", 12, "expected one of initiate, all-clear, drill; found 'lockdown'"),
                new Case("scope naming an unknown zone", HEADER + """
                        panicButtons:
                          - id: p1
                            controller: c1
                            location: Office
                            scope: z3
                            input: { pin: 5 }
                        """, "panicButtons[0].scope", 15, "expected 'site' or a zone id (z1, z2); found 'z3'"),
                new Case("a device id used by two kinds of device", HEADER + """
                        fireAlarms:
                          - { id: d1, controller: c1, input: { pin: 6 } }
                        """, "fireAlarms[0].id", 12, "already used by doors[0].id (line 10)"),
                new Case("the reserved zone id 'site'", """
                        site: { name: Test School }
                        controllers: [ { id: c1 } ]
                        zones:
                          - { id: site }
                        """, "zones[0].id", 4, "'site' is reserved"),
                new Case("a list where an id is expected, reported once", """
                        site: { name: Test School }
                        controllers: [ { id: c1 } ]
                        zones:
                          - { id: [a, b] }
                        """, "zones[0].id", 4, "expected a value, found a list"),
                new Case("a guard with both holdMs and presses", HEADER + """
                        panicButtons:
                          - { id: p1, controller: c1, location: Office, scope: site, input: { pin: 5 }, guard: { holdMs: 1000, presses: 2 } }
                        """, "panicButtons[0].guard", 12, "give holdMs, or presses with windowMs, not both"),
                new Case("a detector with no link", HEADER + """
                        detectors:
                          - { id: wd1, controller: c1, location: Door, zone: z1, policy: auto-lockdown }
                        """, "detectors[0]", 12, "expected serial { port, ... } or dryContact { pin, ... }; found neither"),
                new Case("heartbeat too short", HEADER + """
                        detectors:
                          - { id: wd1, controller: c1, location: Door, zone: z1, policy: alert-only, heartbeatTimeoutMs: 50, dryContact: { pin: 13 } }
                        """, "detectors[0].heartbeatTimeoutMs", 12, "expected 100..600000 ms; found 50"),
                new Case("no controllers", """
                        site: { name: Test School }
                        controllers: []
                        zones: [ { id: z1 } ]
                        """, "controllers", 2, "at least one controller is required"),
                new Case("a duplicate YAML key", HEADER + """
                          - id: d2
                            room: Room 2
                            room: Room 3
                            zone: z1
                            role: classroom
                            controller: c1
                            relay: { pin: 18 }
                            contact: { pin: 22 }
                        """, "doors[1].room", 13, "key 'room' appears twice (first at line 12)"),
                new Case("YAML syntax error", HEADER + """
                          - id: d2
                            room: [Room 2
                            zone: z1
                        """, "", 13, "a { ... } or [ ... ] opened on line 12 is not closed"),
                new Case("a tab in the indentation", "site:\n\tname: Test\n", "", 2, "YAML indents with spaces, not tabs"),
                new Case("two YAML documents", HEADER + "---\nsite: { name: Other }\n", "", 11, "expected a single document"),
                new Case("a negative pin", HEADER + """
                          - { id: d2, room: Room 2, zone: z1, role: classroom, controller: c1, relay: { pin: -3 }, contact: { pin: 22 } }
                        """, "doors[1].relay.pin", 11, "expected a BCM GPIO number 0..27 (the GPIO number, not the header pin number); found -3"),
                new Case("a number that is not one", HEADER + """
                          - { id: d2, room: Room 2, zone: z1, role: classroom, controller: c1, proppedGraceMs: 30s, relay: { pin: 18 }, contact: { pin: 22 } }
                        """, "doors[1].proppedGraceMs", 11, "expected a whole number 1000..3600000 ms; found '30s'"),
                new Case("an invalid id", HEADER + """
                          - { id: Room 2, room: Room 2, zone: z1, role: classroom, controller: c1, relay: { pin: 18 }, contact: { pin: 22 } }
                        """, "doors[1].id", 11, "expected an id of 1-48 characters of a-z, 0-9"),
                new Case("empty file", "", "", 0, "the file is empty"),
                new Case("comments only", "# nothing yet\n", "", 0, "the file is empty"),
                new Case("a list at the top", "- site\n", "", 1, "expected a map of sections"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenSites")
    void a_broken_site_is_rejected_at_the_field_and_line(Case c) {
        List<ConfigProblem> problems = problemsOf(c.yaml());
        assertEquals(problems.size(), problems.stream().distinct().count(), "no problem reported twice: " + problems);
        boolean found = problems.stream().anyMatch(p -> p.path().equals(c.path()) && p.line() == c.line()
                && p.message().contains(c.fragment()) && p.file().equals("site.yaml"));
        if (!found) {
            fail("expected site.yaml:" + c.line() + ": " + c.path() + ": ..." + c.fragment() + "...\nbut got:\n"
                    + String.join("\n", problems.stream().map(ConfigProblem::toString).toList()));
        }
    }

    // ---- all problems at once

    @Test
    void every_error_in_a_file_is_reported_in_file_order() {
        String yaml = HEADER + """
                  - { id: d2, room: Room 2, zone: z9, role: classroom, controller: c1, relay: { pin: 18 }, contact: { pin: 22 } }
                  - { id: d3, room: Room 3, zone: z1, role: clasroom, controller: c1, relay: { pin: 18 }, contact: { pin: 40 } }
                plan:
                  normal: { exterior: leave }
                """;
        ConfigException e = assertThrows(ConfigException.class, () -> load(yaml));

        assertEquals(List.of("doors[1].zone", "doors[2].role", "doors[2].relay.pin", "doors[2].contact.pin",
                "plan.normal.exterior"), e.problems().stream().map(ConfigProblem::path).toList());
        assertEquals(List.of(11, 12, 12, 12, 14), e.problems().stream().map(ConfigProblem::line).toList());
        assertEquals(5, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().startsWith("site.yaml:11: doors[1].zone: unknown zone 'z9'"), e.getMessage());
    }

    @Test
    void a_missing_file_is_one_problem_naming_the_file() {
        ConfigException e = assertThrows(ConfigException.class, () -> SiteConfigLoader.load(Path.of("no/such/site.yaml")));
        assertEquals(List.of(new ConfigProblem(Path.of("no/such/site.yaml").toString(), 0, "", "file not found")), e.problems());
    }

    @Test
    void a_directory_and_a_file_that_is_not_utf8_are_refused(@TempDir Path dir) throws IOException {
        ConfigException isDir = assertThrows(ConfigException.class, () -> SiteConfigLoader.load(dir));
        assertTrue(isDir.getMessage().endsWith("is a directory; expected a site file such as site.yaml"), isDir.getMessage());

        Path latin1 = Files.write(dir.resolve("site.yaml"), new byte[] {'s', 'i', 't', 'e', ':', ' ', (byte) 0xE9});
        ConfigException notUtf8 = assertThrows(ConfigException.class, () -> SiteConfigLoader.load(latin1));
        assertEquals(List.of(new ConfigProblem(latin1.toString(), 0, "", "is not UTF-8 text")), notUtf8.problems());
    }

    // ---- what a valid file means

    @Test
    void a_zone_without_doors_and_an_operator_without_permissions_are_warnings() throws ConfigException {
        SiteConfig config = load(HEADER + """
                operators:
                  - { id: o1, name: Ms O }
                """);

        assertEquals(List.of("site.yaml:1: keys: no 'keys:' section: no operator, console or controller has a key, so "
                        + "every command and peer message will be refused as unsigned; missing: operators o1; "
                        + "controllers c1; make keys with `lockstep keys new --holder ID` (docs/SECURITY.md)",
                        "site.yaml:6: zones[1].id: zone 'z2' has no doors; a lockdown scoped to it locks nothing",
                        "site.yaml:12: operators[0].permissions: operator has no permissions and can do nothing;"
                                + " expected some of initiate, all-clear, drill"),
                config.warnings().stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void defaults_fill_what_a_door_leaves_out_and_no_bolt_means_no_bolt_feedback() throws ConfigException {
        SiteConfig config = load(HEADER);
        DoorSpec door = config.site().doors().getFirst();
        DoorWiring wiring = config.wiringOf("c1").orElseThrow().doors().get("d1");

        assertEquals(new DoorSpec("d1", "Room 1", "z1", DoorRole.CLASSROOM, "c1", SiteBinder.DEFAULT_ACTUATION_MS,
                SiteBinder.DEFAULT_PROPPED_GRACE_MS, false), door);
        assertEquals(new InputWiring(27, true, Pull.UP, 20), wiring.contact());
        assertTrue(wiring.relay().activeHigh());
        assertEquals(Optional.empty(), wiring.bolt());
        assertEquals(Board.PI4, config.wiringOf("c1").orElseThrow().board());
        assertEquals("gpiochip0", config.wiringOf("c1").orElseThrow().gpioChip());
    }

    @Test
    void a_controller_with_nothing_wired_is_fine() throws ConfigException {
        SiteConfig config = load(HEADER.replace("  - { id: c1 }\n", "  - { id: c1 }\n  - { id: spare, board: pi5 }\n"));

        ControllerWiring spare = config.wiringOf("spare").orElseThrow();
        assertEquals(Board.PI5, spare.board());
        assertTrue(spare.doors().isEmpty() && spare.panicButtons().isEmpty() && spare.fireAlarms().isEmpty()
                && spare.detectors().isEmpty());
        // Only the keys warning names it (it has no key, like every holder of this keyless file): nothing about wiring.
        assertTrue(config.warnings().stream().noneMatch(w -> w.message().contains("spare")
                && !w.message().startsWith("no 'keys:' section")), config.warnings().toString());
    }

    @Test
    void mqtt_problems_are_reported_on_their_own_lines() {
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> load(HEADER + """
                mqtt:
                  broker: url
                  url: "http://broker.local"
                  colour: red
                """));
        String text = e.getMessage();
        assertTrue(text.contains("mqtt.url: must start with tcp:// or ssl://"), text);
        assertTrue(text.contains("mqtt.colour: unknown field"), text);
        assertTrue(e.problems().stream().allMatch(p -> p.line() > 1), text);
    }

    @Test
    void plan_and_fire_policy_override_the_standard_ones_cell_by_cell() throws ConfigException {
        SiteConfig config = load(HEADER + """
                plan:
                  normal: { exterior: lock }
                  secure: { office: lock }
                fireAlarm:
                  exterior: unlock
                mqtt: { broker: url, url: "tcp://localhost:1883" }
                """);

        assertEquals("tcp://localhost:1883", config.mqtt().url().toString());
        assertEquals(DoorAction.LOCK, config.site().plan().actionFor(Mode.NORMAL, DoorRole.EXTERIOR));
        assertEquals(DoorAction.UNLOCK, config.site().plan().actionFor(Mode.NORMAL, DoorRole.CLASSROOM));
        assertEquals(DoorAction.LOCK, config.site().plan().actionFor(Mode.SECURE, DoorRole.OFFICE));
        assertEquals(DoorAction.LEAVE, config.site().plan().actionFor(Mode.SECURE, DoorRole.CLASSROOM));
        assertEquals(FireAction.UNLOCK, config.site().firePolicy().actionFor(DoorRole.EXTERIOR));
        assertEquals(FireAction.HOLD, config.site().firePolicy().actionFor(DoorRole.CLASSROOM));
    }

    @Test
    void anchors_and_merge_keys_share_wiring_and_the_door_wins() throws ConfigException {
        SiteConfig config = load("""
                site: { name: Test School }
                controllers: [ { id: c1 } ]
                zones: [ { id: z1 } ]
                operators:
                  - { id: o1, name: Ms O, permissions: [initiate, all-clear] }
                doors:
                  - id: d1
                    room: Room 1
                    zone: z1
                    role: office
                    controller: c1
                    relay: &maglock { pin: 17, failMode: fail-safe, activeHigh: false }
                    contact: { pin: 27 }
                  - id: d2
                    room: Room 2
                    zone: z1
                    role: office
                    controller: c1
                    relay: { <<: *maglock, pin: 18 }
                    contact: { pin: 22 }
                """);

        DoorWiring d2 = config.wiringOf("c1").orElseThrow().doors().get("d2");
        assertEquals(18, d2.relay().pin());
        assertEquals(FailMode.FAIL_SAFE, d2.relay().failMode());
        assertFalse(d2.relay().activeHigh());
        assertTrue(config.site().operator("o1").orElseThrow().may(Permission.ALL_CLEAR));
    }

    // ---- the broken examples shipped for the docs

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenExamples")
    void each_shipped_broken_example_is_rejected(String file, String expected) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> SiteConfigLoader.load(Path.of("../deploy/examples/broken", file)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> brokenExamples() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("typo-in-key.yaml", "unknown key 'proppedGraceMS' (did you mean 'proppedGraceMs'?)"),
                org.junit.jupiter.params.provider.Arguments.of("pin-clash.yaml", "pin 17 is already used by doors[0].relay.pin"),
                org.junit.jupiter.params.provider.Arguments.of("uart-pin.yaml", "pin 15 is the on-board UART's RXD"),
                org.junit.jupiter.params.provider.Arguments.of("many-mistakes.yaml", "found 'clasroom' (did you mean 'classroom'?)"));
    }
}
