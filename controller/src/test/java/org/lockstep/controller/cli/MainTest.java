package org.lockstep.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lockstep command as a user runs it on a controller: exit codes and messages (the simulator is SimMainTest). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MainTest {
    static final String SITE = "../deploy/site.example.yaml";

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The status column of every door row in the final table. */
    static List<String[]> rows(String table) {
        Matcher m = Pattern.compile("(\\S+) +(.+?) +(SECURED|UNLOCKED|OPEN|PROPPED|FORCED|FAILED_TO_SECURE|FAULT|OFFLINE)")
                .matcher(table.substring(table.indexOf("Zones:")));
        List<String[]> rows = new java.util.ArrayList<>();
        while (m.find()) {
            rows.add(new String[] {m.group(1), m.group(3)});
        }
        return rows;
    }

    @Test
    void help_and_version_teach_and_exit_zero() {
        Result help = run("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("check-config"));
        assertTrue(help.out().contains("lockstep sim"));
        assertEquals(0, run("--version").code());
    }

    @Test
    void the_firmware_has_no_simulator_and_says_where_it_is() {
        // This module's class path is the controller's as shipped: no simulator module, no embedded broker.
        for (List<String> line : List.of(List.of("sim"), List.of("sim", "--help"),
                List.of("audit", "--sim", "--config", SITE))) {
            Result r = run(line.toArray(String[]::new));
            assertEquals(64, r.code(), line.toString());
            assertTrue(r.err().contains("is part of the simulator, which this installation does not have"), r.err());
        }
    }

    @Test
    void the_firmware_has_no_console_yet_and_says_where_it_is() {
        for (List<String> line : List.of(List.of("console"), List.of("console", "--help"), List.of("help", "console"))) {
            Result r = run(line.toArray(String[]::new));
            assertEquals(64, r.code(), line.toString());
            assertTrue(r.err().contains("lockstep: console is not in this installation"), r.err());
            assertTrue(r.err().contains("./lockstep console"), r.err());
        }
    }

    @Test
    void a_usage_mistake_says_what_to_do_and_exits_64() {
        Result r = run("check-config", "--controler", "x", SITE);
        assertEquals(64, r.code());
        assertTrue(r.err().contains("unknown option --controler"), r.err());
        assertEquals(64, run("launch").code());
        assertEquals(64, run("check-config").code());
    }

    @Test
    void check_config_accepts_the_example_site() {
        Result r = run("check-config", SITE);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("OK"), r.out());
        assertTrue(r.out().contains("map: 2 floors, grid A-H x 1-12, 32 of 32 doors placed"), r.out());
        assertTrue(!r.out().contains("map."), "no map warning for the example: " + r.out());
    }

    @Test
    void check_config_warns_that_a_plan_is_missing_beside_a_copied_site_file() throws IOException {
        Path copy = Files.writeString(dir.resolve("site.yaml"), Files.readString(Path.of(SITE)));
        Result r = run("check-config", copy.toString());
        assertEquals(0, r.code(), "a missing picture never stops the controllers: " + r.err());
        assertTrue(r.out().matches("(?s).*warning: .*site\\.yaml:\\d+: map\\.floors\\[0]\\.plan: .*lincoln-ground\\.svg: file"
                + " not found.*"), r.out());
    }

    @Test
    void check_config_names_file_line_and_field_of_every_problem_and_exits_2() throws IOException {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, Files.readString(Path.of(SITE)).replaceFirst("role: classroom", "role: clasroom"));
        Result r = run("check-config", broken.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().matches("(?s).*broken\\.yaml:\\d+: doors\\[\\d+]\\.role: .*clasroom.*"), r.err());
        assertTrue(r.err().contains("nothing was started"), r.err());
    }

    @Test
    void check_config_warns_when_a_relay_pin_boot_pull_would_open_a_lock_while_the_pi_boots() throws IOException {
        Path site = dir.resolve("boot.yaml");
        // c101's relay (active-high, fail-secure) moved to GPIO 0, which is pulled high at boot.
        Files.writeString(site, Files.readString(Path.of(SITE)).replaceFirst("relay: \\{ pin: 16 }", "relay: { pin: 0 }"));
        Result r = run("check-config", site.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("relay.pin: GPIO 0 is pulled high while the Pi boots"), r.out());
        assertTrue(r.out().contains("fail-secure lock UNLOCKS during every boot"), r.out());
        assertTrue(r.out().contains("gpio=0=op,dl"), r.out());
    }

    @Test
    void check_config_rejects_every_shipped_broken_example() throws IOException {
        try (var files = Files.list(Path.of("../deploy/examples/broken"))) {
            List<Path> all = files.filter(f -> f.toString().endsWith(".yaml")).toList();
            assertFalse(all.isEmpty());
            for (Path f : all) {
                Result r = run("check-config", f.toString());
                assertEquals(2, r.code(), f + " was accepted: " + r.out());
                assertTrue(r.err().contains(f.getFileName().toString() + ":"), r.err());
            }
        }
    }

    @Test
    void a_missing_site_file_is_one_clear_error() {
        Result r = run("check-config", "no/such/site.yaml");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no/such/site.yaml"), r.err());
    }

    @Test
    void run_dry_run_prints_the_pin_map_with_header_pins_and_checks_it() {
        Result r = run("run", "--config", SITE, "--controller", "east-lower", "--dry-run");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("  17     11  out  c101 relay"), r.out());
        assertTrue(r.out().contains("Pin map OK"), r.out());
    }

    @Test
    void run_boot_config_prints_a_gpio_line_holding_each_relay_de_energised() {
        Result r = run("run", "--config", SITE, "--controller", "commons", "--boot-config");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("gpio=16=op,dl"), r.out());
        assertEquals(6, r.out().lines().filter(l -> l.startsWith("gpio=")).count(), r.out());
    }

    @Test
    void run_names_the_controllers_when_the_id_is_unknown_and_fails_clearly_without_gpio() {
        Result r = run("run", "--config", SITE, "--controller", "east-wing", "--dry-run");
        assertEquals(64, r.code());
        assertTrue(r.err().contains("controller 'east-wing' is not in") && r.err().contains("east-lower"), r.err());
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(Path.of("/dev/gpiochip0")),
                "this machine has GPIO: running the controller would really start it");
        Result noGpio = run("run", "--config", SITE, "--controller", "commons");
        assertEquals(1, noGpio.code());
        assertTrue(noGpio.err().contains("cannot reach the GPIO"), noGpio.err());
    }

}
