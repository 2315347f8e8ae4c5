package org.lockstep.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockstep.controller.cli.MainTest.rows;
import static org.lockstep.controller.cli.MainTest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockstep.controller.cli.MainTest.Result;

/** {@code lockstep sim} as a user runs it from a checkout: the simulated school driven by a script. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SimMainTest {
    static final String SITE = MainTest.SITE;

    @TempDir
    Path dir;

    Result sim(String script) throws IOException {
        Path file = dir.resolve("script.txt");
        Files.writeString(file, script);
        return run("sim", "--config", SITE, "--script", file.toString());
    }

    @Test
    void sim_help_and_a_usage_mistake() {
        assertTrue(run("sim", "--help").out().contains("--script FILE"));
        Result r = run("sim", "--spead", "2");
        assertEquals(64, r.code());
        assertTrue(r.err().contains("unknown option --spead"), r.err());
    }

    @Test
    void the_panic_button_secures_every_door_of_the_school() throws IOException {
        Result r = sim("panic\nwait 3\n");
        assertEquals(0, r.code(), r.err());
        List<String[]> rows = rows(r.out());
        assertEquals(32, rows.size(), r.out());
        for (String[] row : rows) {
            assertEquals("SECURED", row[1], "door " + row[0] + "\n" + r.out());
        }
        assertTrue(r.out().contains("east=LOCKDOWN"), r.out());
    }

    @Test
    void a_propped_door_shows_propped_and_an_alert_names_room_and_zone() throws IOException {
        Result r = sim("prop c104\npanic\nwait 31\n");
        assertTrue(r.out().contains("DOOR_PROPPED: Room 104 (c104, zone east) PROPPED during LOCKDOWN"), r.out());
        assertTrue(rows(r.out()).stream().anyMatch(row -> row[0].equals("c104") && row[1].equals("PROPPED")));
    }

    @Test
    void secure_locks_only_the_exterior_doors() throws IOException {
        Result r = sim("secure\nwait 3\n");
        for (String[] row : rows(r.out())) {
            boolean exterior = row[0].endsWith("exit") || row[0].equals("main-entrance");
            assertEquals(exterior ? "SECURED" : "UNLOCKED", row[1], "door " + row[0] + "\n" + r.out());
        }
    }

    @Test
    void the_all_clear_needs_an_authorised_operator_and_returns_to_normal() throws IOException {
        Result r = sim("panic\nwait 2\nas rivera\nallclear\nwait 1\n");
        assertTrue(r.out().contains("REJECTED: operator rivera may not give the ALL CLEAR"), r.out());
        assertTrue(r.out().contains("east=LOCKDOWN"), r.out());
        r = sim("panic\nwait 2\nas okafor\nallclear\nwait 2\n");
        assertTrue(r.out().contains("east=NORMAL  west=NORMAL  commons=NORMAL  gym=NORMAL"), r.out());
        for (String[] row : rows(r.out())) {
            assertEquals("UNLOCKED", row[1], "door " + row[0] + "\n" + r.out());
        }
    }

    @Test
    void a_jammed_bolt_is_failed_to_secure_and_a_cut_power_shows_offline() throws IOException {
        // Wait for the start-up unlock to finish, so the bolt jams retracted.
        Result r = sim("wait 1\njam c201\npower off east-upper\nlockdown\nwait 2\n");
        assertTrue(rows(r.out()).stream().anyMatch(row -> row[0].equals("c201") && row[1].equals("FAILED_TO_SECURE")),
                r.out());
        assertTrue(rows(r.out()).stream().anyMatch(row -> row[0].equals("c107") && row[1].equals("OFFLINE")),
                r.out());
    }

    @Test
    void a_script_mistake_names_the_line_and_stops() throws IOException {
        Result r = sim("panic\nprop c999\n");
        assertEquals(64, r.code());
        assertTrue(r.err().contains("script.txt:2: error: no door 'c999'"), r.err());
    }
}
