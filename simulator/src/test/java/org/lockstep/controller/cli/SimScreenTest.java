package org.lockstep.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What the sim's screen tells the person at it: who they act as, who raised each alert, faults in words. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SimScreenTest {
    @TempDir
    Path dir;

    MainTest.Result sim(String script, String... more) throws IOException {
        Path file = Files.writeString(dir.resolve("script.txt"), script);
        List<String> args = new java.util.ArrayList<>(List.of("sim", "--config", MainTest.SITE, "--script",
                file.toString()));
        args.addAll(List.of(more));
        return MainTest.run(args.toArray(String[]::new));
    }

    @Test
    void the_operator_you_act_as_is_always_on_the_screen() throws IOException {
        assertTrue(sim("wait 1\n").out().contains("acting as okafor (Dr Okafor (principal))"));
        assertTrue(sim("as chen\nwait 1\n").out().contains("acting as chen (Mr Chen (facilities))"));
        assertTrue(sim("as nobody\n").out().contains("acting as nobody (NOT in the site file)"));
    }

    @Test
    void each_alert_names_the_controller_that_raised_it() throws IOException {
        MainTest.Result r = sim("fire on\nwait 2\n");
        List<String> fire = r.out().lines().filter(l -> l.contains("FIRE_ALARM:")).toList();
        assertEquals(5, fire.size(), r.out());
        Set<String> controllers = fire.stream().map(l -> l.strip().split(" +")[1]).collect(Collectors.toSet());
        assertEquals(Set.of("east-lower", "east-upper", "west-lower", "west-upper", "commons"), controllers);
    }

    @Test
    void faults_are_said_in_words_not_as_java_records() throws IOException {
        MainTest.Result r = sim("jam c105\ncut c101\nstick c102\nwait 1\n");
        assertTrue(r.out().contains("fault injected: bolt of c105 jammed"), r.out());
        assertTrue(r.out().contains("fault injected: door contact wire of c101 cut"), r.out());
        assertFalse(Pattern.compile("[A-Z][A-Za-z]+\\[[a-zA-Z]+=").matcher(r.out()).find(), "no toString: " + r.out());
    }

    @Test
    void a_dry_contact_detector_echo_says_the_confidence_the_alert_will_say() throws IOException {
        MainTest.Result r = sim("detect wd-gym 60\nwait 1\n");
        assertTrue(r.out().contains("detector wd-gym closed its contact (a dry contact reports no confidence: 100%;"
                + " 60 ignored)"), r.out());
        assertTrue(r.out().contains("confidence 100%"), r.out());
        MainTest.Result serial = sim("detect wd-main 85\nwait 1\n");
        assertTrue(serial.out().contains("reports a weapon at 85%") && serial.out().contains("confidence 85%"),
                serial.out());
    }

    @Test
    void room_names_are_whole_when_the_screen_is_wide_enough() throws IOException {
        String out = sim("wait 1\n").out();
        assertTrue(out.contains("Gym exit (to the playing fields)"), out);
        assertTrue(out.contains("East exit (stairwell)"), out);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // a bound for a failure: on the wall clock this script takes a day
    void a_script_runs_on_virtual_time() throws IOException {
        MainTest.Result r = sim("panic\nwait 86400\n");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("t=24:00:0"), r.out());
    }

    @Test
    void realtime_goes_with_a_script() {
        MainTest.Result r = MainTest.run("sim", "--config", MainTest.SITE, "--realtime");
        assertEquals(64, r.code());
        assertTrue(r.err().contains("--realtime goes with --script"), r.err());
    }
}
